namespace FlashTrader.Core.Indicators;

/// <summary>
/// Volume by price bucket over a rolling window of the last <c>window</c> updates (bars or trades). A price
/// falls in bucket floor(price/bucketSize); a bar's volume goes to the bucket of its typical price.
/// <see cref="PointOfControl"/> is the bucket with the most volume (the lower one on a tie);
/// the value area grows from it one bucket at a time toward the side whose next bucket holds more volume
/// (upward on a tie) until it holds at least 70% of the window's volume. Prices reported are bucket lower
/// bounds. Updates are O(1) and allocation-free (buckets in a dictionary sized for the window); the POC and
/// value area are computed on first read after an update, O(b log b) for b occupied buckets.
/// </summary>
public sealed class VolumeProfile : IBarIndicator
{
    private readonly double _bucketSize;
    private readonly double _valueAreaShare;
    private readonly long[] _bucketOf;
    private readonly double[] _volumeOf;
    private readonly Dictionary<long, (double Volume, int Entries)> _volumeByBucket;
    private readonly long[] _keys;
    private readonly double[] _volumes;
    private int _pos;
    private int _count;
    private double _total;
    private bool _dirty = true;
    private double _poc = double.NaN;
    private double _valueAreaLow = double.NaN;
    private double _valueAreaHigh = double.NaN;

    public VolumeProfile(int window, double bucketSize, double valueAreaShare = 0.70)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (!(bucketSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(bucketSize), bucketSize, "must be positive");
        }

        if (!(valueAreaShare > 0 && valueAreaShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(valueAreaShare), valueAreaShare, "must be in (0, 1]");
        }

        _bucketSize = bucketSize;
        _valueAreaShare = valueAreaShare;
        _bucketOf = new long[window];
        _volumeOf = new double[window];
        _volumeByBucket = new Dictionary<long, (double Volume, int Entries)>(window + 1);
        _keys = new long[window + 1];
        _volumes = new double[window + 1];
    }

    public int Lookback => 0;

    public int OutputCount => 3;

    public bool IsReady => _count > 0;

    /// <summary>Total volume in the window.</summary>
    public double TotalVolume => _total;

    public double PointOfControl
    {
        get
        {
            Refresh();
            return _poc;
        }
    }

    public double ValueAreaLow
    {
        get
        {
            Refresh();
            return _valueAreaLow;
        }
    }

    public double ValueAreaHigh
    {
        get
        {
            Refresh();
            return _valueAreaHigh;
        }
    }

    /// <summary>Volume currently in the bucket containing <paramref name="price"/>.</summary>
    public double VolumeAt(double price) => _volumeByBucket.GetValueOrDefault(BucketOf(price)).Volume;

    public void Update(double price, double volume)
    {
        int window = _bucketOf.Length;
        if (_count == window)
        {
            Remove(_bucketOf[_pos], _volumeOf[_pos]);
        }
        else
        {
            _count++;
        }

        long bucket = BucketOf(price);
        _bucketOf[_pos] = bucket;
        _volumeOf[_pos] = volume;
        if (++_pos == window)
        {
            _pos = 0;
        }

        var (sum, entries) = _volumeByBucket.GetValueOrDefault(bucket);
        _volumeByBucket[bucket] = (sum + volume, entries + 1);
        _total += volume;
        _dirty = true;
    }

    public void Update(in Bar bar) => Update((bar.High + bar.Low + bar.Close) / 3.0, bar.Volume);

    public double GetOutput(int index) => index switch
    {
        0 => PointOfControl,
        1 => ValueAreaHigh,
        2 => ValueAreaLow,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "volume profile has outputs 0 (poc), 1 (vah), 2 (val)"),
    };

    private long BucketOf(double price) => (long)Math.Floor(price / _bucketSize);

    private void Remove(long bucket, double volume)
    {
        var (sum, entries) = _volumeByBucket[bucket];
        if (entries == 1)
        {
            _volumeByBucket.Remove(bucket); // by count, not by volume, so rounding never leaves ghost buckets
        }
        else
        {
            _volumeByBucket[bucket] = (sum - volume, entries - 1);
        }

        _total -= volume;
    }

    private void Refresh()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        int n = 0;
        foreach (var (bucket, (volume, _)) in _volumeByBucket)
        {
            _keys[n] = bucket;
            _volumes[n] = volume;
            n++;
        }

        if (n == 0 || !(_total > 0))
        {
            _poc = _valueAreaLow = _valueAreaHigh = double.NaN;
            return;
        }

        Span<long> keys = _keys.AsSpan(0, n);
        Span<double> volumes = _volumes.AsSpan(0, n);
        keys.Sort(volumes);
        int poc = 0;
        for (int i = 1; i < n; i++)
        {
            if (volumes[i] > volumes[poc])
            {
                poc = i;
            }
        }

        int lo = poc;
        int hi = poc;
        double inside = volumes[poc];
        double target = _valueAreaShare * _total;
        while (inside < target && (lo > 0 || hi < n - 1))
        {
            double below = lo > 0 ? volumes[lo - 1] : -1;
            double above = hi < n - 1 ? volumes[hi + 1] : -1;
            if (above >= below)
            {
                inside += volumes[++hi];
            }
            else
            {
                inside += volumes[--lo];
            }
        }

        _poc = keys[poc] * _bucketSize;
        _valueAreaLow = keys[lo] * _bucketSize;
        _valueAreaHigh = keys[hi] * _bucketSize;
    }
}
