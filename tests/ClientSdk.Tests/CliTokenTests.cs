using System.Text.Json;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>Where the CLI takes a token from, and the warnings that keep it out of other users' sight.</summary>
[Collection(FarmCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliTokenTests(ClientFarm farm) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("icefarm-token-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact(Timeout = 120_000)]
    public async Task A_token_file_only_its_owner_reads_is_used_without_a_warning()
    {
        var (credentials, client) = await farm.CreateClientAsync("cli-token-file").Within();
        using var _ = client;
        var file = WriteToken("private", credentials.Token, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var fromOption = await CliRun.RunAsync("list", "--json", "--url", farm.ReservationServiceUri.ToString(), "--token-file", file);
        Assert.True(fromOption.Exit == 0, fromOption.Err);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(fromOption.Out).RootElement.ValueKind);
        Assert.DoesNotContain("warning", fromOption.Err, StringComparison.Ordinal);

        var fromVariable = await CliRun.RunWithAsync(new Dictionary<string, string> { ["ICEFARM_TOKEN_FILE"] = file, ["ICEFARM_URL"] = farm.ReservationServiceUri.ToString() }, "list", "--json");
        Assert.True(fromVariable.Exit == 0, fromVariable.Err);
        Assert.Equal("", fromVariable.Err);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_token_on_the_command_line_or_in_a_file_others_read_draws_a_warning_and_still_works()
    {
        var (credentials, client) = await farm.CreateClientAsync("cli-token-warned").Within();
        using var _ = client;
        var onCommandLine = await CliRun.RunAsync("list", "--json", "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token);
        Assert.True(onCommandLine.Exit == 0, onCommandLine.Err);
        Assert.Contains("warning: a token given with --token is visible", onCommandLine.Err, StringComparison.Ordinal);

        var shared = WriteToken("shared", credentials.Token, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var readable = await CliRun.RunAsync("list", "--json", "--url", farm.ReservationServiceUri.ToString(), "--token-file", shared);
        Assert.True(readable.Exit == 0, readable.Err);
        Assert.Contains("may be read by other users; chmod 600", readable.Err, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_or_empty_token_file_is_a_clear_error()
    {
        var missing = await CliRun.RunAsync("list", "--url", farm.ReservationServiceUri.ToString(), "--token-file", Path.Combine(_directory, "absent"));
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("Cannot read the token file", missing.Err, StringComparison.Ordinal);

        var empty = await CliRun.RunAsync("list", "--url", farm.ReservationServiceUri.ToString(), "--token-file", WriteToken("empty", "  \n", UnixFileMode.UserRead));
        Assert.NotEqual(0, empty.Exit);
        Assert.Contains("is empty", empty.Err, StringComparison.Ordinal);
    }

    private string WriteToken(string name, string token, UnixFileMode mode)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, token + "\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
