using System.Globalization;
using System.Text.RegularExpressions;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>One field of a captured frame's field walk: a scalar (str or varint) or a nested message.</summary>
public sealed record WalkField(int Number, string Kind, string? Value, IReadOnlyList<WalkField> Children)
{
    public bool IsMessage => Kind == "msg";

    public long Varint => long.Parse(Value!, CultureInfo.InvariantCulture);

    public WalkField? One(int number) => Children.SingleOrDefault(c => c.Number == number);

    public IEnumerable<WalkField> All(int number) => Children.Where(c => c.Number == number);
}

/// <summary>A frame from shared/mexc/captured-frames.txt: its name, bytes and field walk (a root message).</summary>
public sealed record CapturedFrame(string Name, byte[] Bytes, WalkField Root)
{
    public override string ToString() => Name;
}

/// <summary>Parses shared/mexc/captured-frames.txt, failing loudly (with the line) on anything unexpected.</summary>
public static partial class CapturedFrames
{
    private static readonly Lazy<IReadOnlyList<CapturedFrame>> Frames = new(() => Parse(SharedFolder.File("mexc", "captured-frames.txt")));

    public static IReadOnlyList<CapturedFrame> All => Frames.Value;

    public static CapturedFrame Named(string fragment) => All.Single(f => f.Name.Contains(fragment, StringComparison.Ordinal));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (CapturedFrame f in All)
        {
            data.Add(f.Name);
        }

        return data;
    }

    public static IReadOnlyList<CapturedFrame> Parse(string path)
    {
        var frames = new List<CapturedFrame>();
        string? name = null;
        byte[]? bytes = null;
        var stack = new Stack<(int Number, List<WalkField> Children)>();
        List<WalkField>? root = null;
        int lineNo = 0;

        void Finish()
        {
            if (name is null)
            {
                return;
            }

            if (bytes is null || root is null || stack.Count != 1)
            {
                throw new FormatException($"{path}: frame '{name}' is incomplete before line {lineNo}");
            }

            frames.Add(new CapturedFrame(name, bytes, new WalkField(0, "msg", null, root)));
            name = null;
            bytes = null;
            root = null;
            stack.Clear();
        }

        foreach (string raw in File.ReadLines(path))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || (line.StartsWith('#') && !line.StartsWith("##", StringComparison.Ordinal)))
            {
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Finish();
                name = line[3..];
                root = [];
                stack.Push((0, root));
                continue;
            }

            if (name is null)
            {
                throw new FormatException($"{path}:{lineNo}: content before the first '## name'");
            }

            if (line.StartsWith("hex:", StringComparison.Ordinal))
            {
                bytes = Convert.FromHexString(line[4..].Trim());
                continue;
            }

            Match m;
            if ((m = ScalarLine().Match(line)).Success)
            {
                stack.Peek().Children.Add(new WalkField(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value, []));
            }
            else if ((m = OpenLine().Match(line)).Success)
            {
                stack.Push((int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), []));
            }
            else if (line == "}")
            {
                (int number, List<WalkField> children) = stack.Pop();
                stack.Peek().Children.Add(new WalkField(number, "msg", null, children));
            }
            else
            {
                throw new FormatException($"{path}:{lineNo}: unexpected line '{line}'");
            }
        }

        Finish();
        return frames;
    }

    [GeneratedRegex(@"^(\d+) \((str|varint)\): (.*)$")]
    private static partial Regex ScalarLine();

    [GeneratedRegex(@"^(\d+): \{$")]
    private static partial Regex OpenLine();
}
