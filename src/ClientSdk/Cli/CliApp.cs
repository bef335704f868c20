using System.CommandLine;
using IceFarm.Cli.Commands;

namespace IceFarm.Cli;

/// <summary>The <c>icefarm</c> command tree (System.CommandLine parses and invokes; Spectre.Console renders).</summary>
internal static class CliApp
{
    public static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("icefarm: reserve pico2-ice boards, evaluate bitstreams, watch your events, operate the farm")
        {
            GlobalOptions.Url,
            GlobalOptions.Token,
            GlobalOptions.TokenFile,
            GlobalOptions.Json,
        };
        root.Subcommands.Add(AvailableCommand.Create(env));
        root.Subcommands.Add(UsageCommand.Create(env));
        root.Subcommands.Add(ReserveCommand.Create(env));
        root.Subcommands.Add(ListCommand.Create(env));
        root.Subcommands.Add(ExtendCommand.Create(env));
        root.Subcommands.Add(EndCommand.Create(env));
        root.Subcommands.Add(EvaluateCommand.Create(env));
        root.Subcommands.Add(WatchCommand.Create(env));
        root.Subcommands.Add(AdminCommand.Create(env));
        return root;
    }

    /// <summary>Parses and runs; <paramref name="output"/> and <paramref name="error"/> replace stdout and stderr (tests).</summary>
    public static Task<int> RunAsync(string[] args, CliEnvironment env, TextWriter? output, TextWriter? error, CancellationToken ct)
    {
        var configuration = new InvocationConfiguration
        {
            // Ctrl+C cancels the command's token; ending a reservation over HTTP needs more than the default 2 s.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
        };
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        var parse = Build(env).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine answers 1 to parse errors; 1 means "evaluations failed" here, so usage gets its own code.
            var writer = configuration.Error;
            foreach (var problem in parse.Errors)
            {
                writer.WriteLine($"error: {problem.Message}");
            }

            writer.WriteLine("Run 'icefarm --help' for usage.");
            return Task.FromResult(ExitCodes.Usage);
        }

        env.Warnings = configuration.Error;
        foreach (var option in new[] { GlobalOptions.Token, AdminCommand.AdminToken })
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                configuration.Error.WriteLine($"warning: a token given with {option.Name} is visible to other users of this machine (process list, shell history); " +
                    $"use {option.Name}-file or the environment instead.");
            }
        }

        return parse.InvokeAsync(configuration, ct);
    }
}
