using IceFarm.Cli;

namespace IceFarm.Client.Tests;

/// <summary>Parses and invokes the real <c>icefarm</c> command tree in-process, capturing stdout and stderr.</summary>
internal static class CliRun
{
    /// <summary>Runs with the given environment variables (everything else unset).</summary>
    public static async Task<(int Exit, string Out, string Err)> RunWithAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliEnvironment(environment.GetValueOrDefault), output, error, CancellationToken.None).WaitAsync(Timeouts.Long);
        return (exit, output.ToString(), error.ToString());
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // An empty environment: everything the test means comes from options.
        var exit = await CliApp.RunAsync(args, new CliEnvironment(_ => null), output, error, CancellationToken.None).WaitAsync(Timeouts.Long);
        return (exit, output.ToString(), error.ToString());
    }
}
