using System.CommandLine;
using Grpc.Core;
using Spectre.Console;

namespace Leads.Cli.Shell;

/// <summary>Runs a command's body: a gRPC error becomes one red line and exit code 1, not a stack trace.</summary>
internal static class Run
{
    public static void Action(this Command command, Func<ParseResult, CancellationToken, Task> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await body(parse, cancellationToken);
                return 0;
            }
            catch (RpcException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.StatusCode}[/]: {e.Status.Detail}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 130;
            }
        });

    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? t) =>
        t is null ? "" : t.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
