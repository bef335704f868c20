using IceFarm.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess(), output: null, error: null, CancellationToken.None);
