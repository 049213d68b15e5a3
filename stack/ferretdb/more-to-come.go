package main

// FerretDB 1.24 answers every OP_MSG, even one whose flag bits carry moreToCome, which tells the server
// that the client reads no reply (the wire protocol: "the server MUST NOT send a reply"). Drivers send
// such messages for unacknowledged writes (writeConcern w: 0): connect-mongo's session sweep does,
// every 10 minutes. The unread reply stays in the pooled connection, so from then on every command on it
// reads the reply of the command before: a find gets `{n, ok}` ("BSON element cursor is missing"), the
// next one another request's documents. This front drops those replies, so FerretDB's answers reach
// the driver exactly as a MongoDB server's would.

import (
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
)

const (
	opMsg          = 2013
	flagMoreToCome = 1 << 1
	headerLength   = 16
	// MongoDB's maxMessageSizeBytes; a longer length field means a corrupt stream.
	maxMessageLength = 48 * 1000 * 1000
)

// readFrame reads one whole wire-protocol message (header included).
func readFrame(r io.Reader) ([]byte, error) {
	var header [headerLength]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(int32(binary.LittleEndian.Uint32(header[0:4])))
	if length < headerLength || length > maxMessageLength {
		return nil, errors.New("bad message length")
	}
	frame := make([]byte, length)
	copy(frame, header[:])
	if _, err := io.ReadFull(r, frame[headerLength:]); err != nil {
		return nil, err
	}
	return frame, nil
}

// isMoreToCome tells whether the message is an OP_MSG whose sender reads no reply.
func isMoreToCome(frame []byte) bool {
	if len(frame) < headerLength+4 || int32(binary.LittleEndian.Uint32(frame[12:16])) != opMsg {
		return false
	}
	return binary.LittleEndian.Uint32(frame[16:20])&flagMoreToCome != 0
}

// noReplyFront relays client connections to FerretDB's backend listener, dropping FerretDB's replies to
// moreToCome requests, and lets at most cap(slots) requests be inside FerretDB at once.
//
// Why the bound: FerretDB 1.24 deadlocks when its PostgreSQL pool runs dry. A findAndModify or update keeps
// its query's connection while it asks for the metadata registry's lock or a second connection, and a
// collection creation holds that lock while it asks for a connection; once the requests holding
// connections fill the pool, none of them can go on. Each request holds at most two connections, so with
// at most cap(slots) requests inside and a pool larger than twice that, a connection is always free.
type noReplyFront struct {
	backendNetwork, backendAddress string
	logger                         *slog.Logger
	// One token per request FerretDB has not answered yet, across all client connections.
	slots chan struct{}
}

// serve accepts connections until the listener is closed.
func (f *noReplyFront) serve(listener net.Listener) error {
	for {
		client, err := listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go f.relay(client)
	}
}

func (f *noReplyFront) relay(client net.Conn) {
	defer client.Close()
	backend, err := net.Dial(f.backendNetwork, f.backendAddress)
	if err != nil {
		f.logger.Error("cannot reach FerretDB's backend listener", "error", err)
		return
	}
	defer backend.Close()

	// Request ids whose replies the client will never read. Requests and replies alternate on a
	// connection (FerretDB answers one message at a time, in order), so the set stays tiny.
	var mu sync.Mutex
	unread := map[int32]struct{}{}
	done := make(chan struct{}, 2)
	// Requests of this connection sent on and not answered yet: their slots go back when the
	// connection ends (FerretDB never answers them then). Only the two goroutines below change it,
	// and the drain at the end runs after both have stopped.
	var pending atomic.Int64

	go func() {
		defer func() { done <- struct{}{} }()
		for {
			frame, err := readFrame(client)
			if err != nil {
				return
			}
			if isMoreToCome(frame) {
				mu.Lock()
				unread[int32(binary.LittleEndian.Uint32(frame[4:8]))] = struct{}{}
				mu.Unlock()
			}
			f.slots <- struct{}{}
			pending.Add(1)
			if _, err := backend.Write(frame); err != nil {
				return
			}
		}
	}()
	go func() {
		defer func() { done <- struct{}{} }()
		for {
			frame, err := readFrame(backend)
			if err != nil {
				return
			}
			// FerretDB answers every request once, in order, moreToCome ones included.
			if pending.Load() > 0 {
				pending.Add(-1)
				<-f.slots
			}
			responseTo := int32(binary.LittleEndian.Uint32(frame[8:12]))
			mu.Lock()
			_, drop := unread[responseTo]
			delete(unread, responseTo)
			mu.Unlock()
			if drop {
				continue
			}
			if _, err := client.Write(frame); err != nil {
				return
			}
		}
	}()
	// Either side ending ends both: closing the connections unblocks the other goroutine.
	<-done
	client.Close()
	backend.Close()
	<-done
	for ; pending.Load() > 0; pending.Add(-1) {
		<-f.slots
	}
}
