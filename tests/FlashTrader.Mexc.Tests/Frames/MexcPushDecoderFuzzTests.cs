using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Frames;

/// <summary>Truncated and corrupted frames: never an exception, never a partial depth update, buffers always returned.</summary>
public class MexcPushDecoderFuzzTests
{
    private static IEnumerable<byte[]> Seeds()
    {
        foreach (CapturedFrame f in CapturedFrames.All)
        {
            yield return f.Bytes;
        }

        yield return MexcPushDecoderAllocationTests.AggreDepthFrame();
        var random = new RandomFrames(seed: 5);
        for (int i = 0; i < 150; i++)
        {
            yield return random.Next().Bytes;
        }
    }

    [Fact]
    public void Truncations_and_byte_flips_never_throw_and_never_emit_from_a_malformed_frame()
    {
        var symbols = new SymbolTable(["BTCUSDT", "HYPEUSDT", "BTCUSDC", "ETHUSDC"]);
        var pool = new DepthLevelsPool(8);
        var decoder = new MexcPushDecoder(symbols, pool);
        var random = new Random(6);
        int malformed = 0, tried = 0;
        foreach (byte[] seed in Seeds())
        {
            var variants = new List<byte[]>();
            int step = Math.Max(1, seed.Length / 200);
            for (int cut = 0; cut < seed.Length; cut += step)
            {
                variants.Add(seed[..cut]);
            }

            for (int k = 0; k < 40; k++)
            {
                byte[] flipped = (byte[])seed.Clone();
                for (int b = random.Next(1, 4); b > 0; b--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
                }

                variants.Add(flipped);
            }

            foreach (byte[] frame in variants)
            {
                var sink = new RecordingSink();
                MexcDecodeResult result = decoder.Decode(frame, 0, ref sink);
                tried++;
                MexcFrameJson.TryWrite(frame, new System.Text.Json.Utf8JsonWriter(Stream.Null), out _, out _);
                if (result.IsMalformed)
                {
                    malformed++;
                    sink.Count.Should().Be(0, result.Describe());
                    result.ErrorOffset.Should().BeInRange(0, frame.Length);
                }
                else
                {
                    sink.Count.Should().Be(result.Status == MexcDecodeStatus.Decoded ? result.EventCount : 0);
                }
            }
        }

        malformed.Should().BeGreaterThan(tried / 4, "the corruption must actually exercise the error paths");
        pool.Created.Should().BeLessThanOrEqualTo(2, "failed depth bodies hand their buffer back");
    }
}
