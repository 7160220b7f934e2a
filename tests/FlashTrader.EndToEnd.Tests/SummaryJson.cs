using System.Globalization;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>Reads the --summary JSON of a run.</summary>
public sealed class SummaryJson(JsonElement root)
{
    public static SummaryJson Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public JsonElement Root => root;

    public long Long(string name) => root.GetProperty(name).GetInt64();

    public decimal Money(string name) => decimal.Parse(root.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, decimal> Balances => root.GetProperty("balances").EnumerateObject()
        .ToDictionary(p => p.Name, p => decimal.Parse(p.Value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture));

    /// <summary>The bundled sample's pinned figures (README quick start): what every full replay of it must trade.</summary>
    public void ShouldHoldTheSamplePins()
    {
        Long("events").Should().Be(179_318);
        Long("signals").Should().Be(18_596);
        Long("orders").Should().Be(320);
        Long("fills").Should().Be(293);
        Money("endingEquity").Should().Be(10018.98658223m);
    }

    /// <summary>The summary without wall-clock fields, for comparing two runs.</summary>
    public string WithoutWallClock()
    {
        string[] wallClock = ["eventsPerSecond", "latencyMicros", "allocatedBytesPerEvent", "gen0Collections", "cpuMicrosPerEvent", "steadyState", "fillsCsv"];
        var filtered = root.EnumerateObject().Where(p => !wallClock.Contains(p.Name)).Select(p => $"{p.Name}={p.Value.GetRawText()}");
        return string.Join("\n", filtered);
    }
}
