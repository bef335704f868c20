using System.CommandLine;
using IceFarm.Client;

namespace IceFarm.Cli;

/// <summary>Runs a command's body and turns what can go wrong into a message on stderr and a documented exit code.</summary>
internal static class CommandRunner
{
    public static void SetHandler(Command command, Func<ParseResult, CliOutput, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, ct) => RunAsync(parse, body, ct));

    private static async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CliOutput, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var output = new CliOutput(parse);
        try
        {
            return await body(parse, output, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            output.Error("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (FarmApiException ex) when (ex.Code == "not-enough-devices")
        {
            output.Error(ex.Message);
            return ExitCodes.NotEnoughDevices;
        }
        catch (FarmApiException ex)
        {
            output.Error($"the farm refused ({ex.Status}{(ex.Code is null ? "" : " " + ex.Code)}): {ex.Message}");
            return ExitCodes.Refused;
        }
        catch (LeaseEndedException ex)
        {
            output.Error(ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException and not FileNotFoundException and not DirectoryNotFoundException)
        {
            output.Error($"cannot reach the farm: {ex.Message}");
            return ExitCodes.Unreachable;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException or UriFormatException)
        {
            output.Error(ex.Message);
            return ExitCodes.Usage;
        }
    }
}
