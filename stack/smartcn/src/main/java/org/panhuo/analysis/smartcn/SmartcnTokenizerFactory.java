package org.panhuo.analysis.smartcn;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/**
 * The {@code smartcn_tokenizer} tokenizer, for custom analyzers that add their own token filters.
 * Named like the official analysis-smartcn plugin's tokenizer so mappings are portable to production.
 */
@NamedComponent("smartcn_tokenizer")
public class SmartcnTokenizerFactory implements TokenizerFactory {
    @Override
    public Tokenizer create() {
        return new HMMChineseTokenizer();
    }
}
