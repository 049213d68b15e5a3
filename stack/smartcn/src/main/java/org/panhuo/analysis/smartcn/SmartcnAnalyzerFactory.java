package org.panhuo.analysis.smartcn;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;

/**
 * The {@code smartcn} analyzer: Lucene's HMM-based Chinese word segmentation with its default stop words.
 * Named like the official analysis-smartcn plugin's analyzer so mappings are portable to production.
 */
@NamedComponent("smartcn")
public class SmartcnAnalyzerFactory implements AnalyzerFactory {
    @Override
    public Analyzer create() {
        return new SmartChineseAnalyzer();
    }
}
