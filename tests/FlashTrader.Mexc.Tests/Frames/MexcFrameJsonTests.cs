using System.Text.Json;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Tests.Oracle;
using FlashTrader.Mexc.Tests.TestData;
using Google.Protobuf.Reflection;

namespace FlashTrader.Mexc.Tests.Frames;

public class MexcFrameJsonTests
{
    [Theory]
    [MemberData(nameof(CapturedFrames.Names), MemberType = typeof(CapturedFrames))]
    public void Every_captured_frame_shows_exactly_its_field_walk_under_the_schema_names(string name)
    {
        CapturedFrame frame = CapturedFrames.Named(name);

        using JsonDocument json = JsonDocument.Parse(MexcFrameJson.ToJson(frame.Bytes));

        AssertMatchesWalk(json.RootElement, frame.Root, PushDataV3ApiWrapper.Descriptor, "$");
    }

    /// <summary>Walk field numbers are mapped to names by the oracle's descriptors, independently of our schema table.</summary>
    private static void AssertMatchesWalk(JsonElement json, WalkField message, MessageDescriptor descriptor, string path)
    {
        var byNumber = message.Children.GroupBy(c => c.Number).ToList();
        json.EnumerateObject().Count().Should().Be(byNumber.Count, path);
        foreach (IGrouping<int, WalkField> group in byNumber)
        {
            FieldDescriptor field = descriptor.FindFieldByNumber(group.Key);
            string at = $"{path}.{field.Name}";
            JsonElement element = json.GetProperty(field.Name);
            if (field.IsRepeated)
            {
                element.GetArrayLength().Should().Be(group.Count(), at);
                int i = 0;
                foreach (WalkField item in group)
                {
                    AssertMatchesWalk(element[i], item, field.MessageType, $"{at}[{i}]");
                    i++;
                }

                continue;
            }

            WalkField walk = group.Single();
            switch (walk.Kind)
            {
                case "msg": AssertMatchesWalk(element, walk, field.MessageType, at); break;
                case "str": element.GetString().Should().Be(walk.Value, at); break;
                default: element.GetInt64().Should().Be(walk.Varint, at); break;
            }
        }
    }

    [Fact]
    public void A_limit_depth_frame_reads_as_expected()
    {
        string json = MexcFrameJson.ToJson(CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes);

        json.Should().StartWith("""{"channel":"spot@public.limit.depth.v3.api.pb@BTCUSDT@5","publicLimitDepths":{"asks":[{"price":"84270.01","quantity":"5.42169969"},""");
        json.Should().EndWith("\"eventType\":\"spot@public.limit.depth.v3.api.pb\",\"version\":\"82164155643\",\"lastOrderCreateTime\":1790281247239},\"symbol\":\"BTCUSDT\",\"sendTime\":1790281247251}");
    }

    [Fact]
    public void Errors_name_the_byte_offset_and_nothing_is_written()
    {
        byte[] frame = CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);

        bool ok = MexcFrameJson.TryWrite(frame.AsSpan(0, 100), writer, out var error, out int offset);
        writer.Flush();

        (ok, error, offset, buffer.WrittenCount).Should().Be((false, FlashTrader.Mexc.Protobuf.ProtoError.LengthBeyondFrame, 63, 0));
        FluentActions.Invoking(() => MexcFrameJson.ToJson(frame.AsSpan(0, 100).ToArray())).Should().Throw<FormatException>().WithMessage("*byte offset 63*");
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_rejected_at_the_string()
    {
        byte[] frame = (byte[])CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes.Clone();
        frame[47] = 0xFF; // inside "BTCUSDT" (symbol payload starts at 47)

        FluentActions.Invoking(() => MexcFrameJson.ToJson(frame)).Should().Throw<FormatException>().WithMessage("string is not valid UTF-8 at byte offset 47");
    }
}
