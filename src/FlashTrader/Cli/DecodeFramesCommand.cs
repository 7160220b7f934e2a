using System.CommandLine;
using FlashTrader.Mexc.Frames;

namespace FlashTrader.Cli;

/// <summary><c>flashtrader decode-frames</c>: paste MEXC WebSocket frames (hex or base64, one per line), see what is in them.</summary>
public static class DecodeFramesCommand
{
    public static Command Create()
    {
        var command = new Command(
            "decode-frames",
            "Decode MEXC protobuf push frames read from standard input (one per line, hex or base64) into JSON lines; " +
            "a bad frame prints {\"error\":...,\"offset\":n} and decoding continues");
        command.SetAction(_ =>
        {
            DecodeFramesSummary summary = DecodeFramesTool.Run(Console.In, Console.Out);
            Console.Out.Flush();
            if (summary.Bad > 0)
            {
                Console.Error.WriteLine($"{summary.Ok} frames decoded, {summary.Bad} bad");
            }

            return ExitCode.Success;
        });
        return command;
    }
}
