using System.Text.Json;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Frames;

public class DecodeFramesToolTests
{
    [Fact]
    public void Decodes_hex_and_base64_lines_skips_blanks_and_reports_bad_lines_without_stopping()
    {
        IReadOnlyList<CapturedFrame> frames = CapturedFrames.All;
        byte[] depth = CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes;
        var lines = new List<string>();
        lines.AddRange(frames.Select(f => Convert.ToHexString(f.Bytes).ToLowerInvariant()));
        lines.Add(string.Empty);
        lines.Add("  " + Convert.ToBase64String(frames[0].Bytes) + "  ");
        lines.Add(Convert.ToHexString(depth[..100]));
        lines.Add("hello, world");
        lines.Add("hex:" + Convert.ToHexString(frames[1].Bytes));

        var output = new StringWriter();
        DecodeFramesSummary summary = DecodeFramesTool.Run(new StringReader(string.Join('\n', lines)), output);

        summary.Should().Be(new DecodeFramesSummary(Ok: frames.Count + 2, Bad: 2));
        string[] results = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        results.Should().HaveCount(frames.Count + 4);
        for (int i = 0; i < frames.Count; i++)
        {
            results[i].TrimEnd('\r').Should().Be(MexcFrameJson.ToJson(frames[i].Bytes));
        }

        results[frames.Count].TrimEnd('\r').Should().Be(MexcFrameJson.ToJson(frames[0].Bytes));
        using JsonDocument truncated = JsonDocument.Parse(results[frames.Count + 1]);
        truncated.RootElement.GetProperty("error").GetString().Should().Be("length-delimited field extends beyond its message");
        truncated.RootElement.GetProperty("offset").GetInt32().Should().Be(63);
        truncated.RootElement.GetProperty("line").GetInt32().Should().Be(frames.Count + 3);
        using JsonDocument garbage = JsonDocument.Parse(results[frames.Count + 2]);
        garbage.RootElement.GetProperty("error").GetString().Should().Be("',' is neither hex nor base64");
        garbage.RootElement.GetProperty("offset").GetInt32().Should().Be(5);
        results[^1].TrimEnd('\r').Should().Be(MexcFrameJson.ToJson(frames[1].Bytes));
    }
}
