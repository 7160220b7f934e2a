using System.Runtime.ExceptionServices;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Reads and decompresses the next blocks on a thread of its own while the caller decodes the current one, so
/// decompression overlaps event decoding instead of adding to it. Bounded: a ring of <see cref="Depth"/> pooled blocks
/// (the one being decoded plus those read ahead); the reading thread waits when all are full. Blocks arrive in file
/// order and an error travels in its block's place, so the events before a damaged block are still delivered first.
/// </summary>
internal sealed class BlockReadAhead : IDisposable
{
    /// <summary>The block being decoded plus two read ahead: enough to absorb a slow read without much memory.</summary>
    public const int Depth = 3;

    private readonly BlockFileReader _blocks;
    private readonly DecodedBlock[] _ring = new DecodedBlock[Depth];
    private readonly object _gate = new(); // Monitor, not Lock: the threads wait on it
    private readonly Thread _thread;
    private int _filled; // blocks read and not yet released by the consumer (the one it holds included)
    private int _readIndex;
    private int _writeIndex;
    private bool _holding;
    private bool _stopping;
    private DecodedBlock? _last;
    private long _allocatedBytes;

    public BlockReadAhead(BlockFileReader blocks, string name)
    {
        _blocks = blocks;
        for (int i = 0; i < _ring.Length; i++)
        {
            _ring[i] = new DecodedBlock();
        }

        _thread = new Thread(Run) { IsBackground = true, Name = $"read-ahead {Path.GetFileName(name)}" };
        _thread.Start();
    }

    /// <summary>Bytes the reading thread has allocated since it started (buffers growing to an unusually large block).</summary>
    public long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>
    /// Releases the block taken before and returns the next one, waiting for it if need be. After the end, a cut-off
    /// tail or an error, the same final block is returned again.
    /// </summary>
    public DecodedBlock Take()
    {
        if (_last is not null)
        {
            return _last;
        }

        DecodedBlock block;
        lock (_gate)
        {
            if (_holding)
            {
                _readIndex = (_readIndex + 1) % Depth;
                _filled--;
                Monitor.PulseAll(_gate);
            }

            while (_filled == 0)
            {
                Monitor.Wait(_gate);
            }

            block = _ring[_readIndex];
            _holding = true;
        }

        if (block.Status != BlockStatus.Ready)
        {
            _last = block;
        }

        return block;
    }

    private void Run()
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        while (true)
        {
            DecodedBlock block;
            lock (_gate)
            {
                while (_filled == Depth && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                block = _ring[_writeIndex];
            }

            try
            {
                _blocks.ReadNext(block);
            }
            catch (Exception ex)
            {
                // Raised on the caller's thread when it reaches this block (with this thread's stack trace kept).
                block.Status = BlockStatus.Failed;
                block.Error = ExceptionDispatchInfo.Capture(ex);
            }

            Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread() - start);
            lock (_gate)
            {
                _writeIndex = (_writeIndex + 1) % Depth;
                _filled++;
                Monitor.PulseAll(_gate);
            }

            if (block.Status != BlockStatus.Ready)
            {
                return;
            }
        }
    }

    /// <summary>Stops the reading thread and waits for it, so the stream can be closed under it safely.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
    }
}
