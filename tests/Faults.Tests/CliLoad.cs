using System.Diagnostics;
using System.Text;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Testing;

namespace IceFarm.Faults.Tests;

/// <summary>
/// The client load as the user ran it: the real <c>icefarm evaluate &lt;files&gt; --boards N --mode any --json</c> as
/// an OS process of its own (so a scenario can kill it), its result lines timestamped as they arrive.
/// </summary>
internal sealed class CliLoad : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<ClientResult> _results = [];
    private readonly StringBuilder _stderr = new();

    private CliLoad(Process process, DirectoryInfo folder, IReadOnlyList<string> labels)
    {
        _process = process;
        _folder = folder;
        Labels = labels;
        _process.OutputDataReceived += (_, e) => Read(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Labels { get; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<ClientResult> Results
    {
        get
        {
            lock (_results)
            {
                return [.. _results];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Writes <paramref name="count"/> generated valid bitstreams and starts the CLI on them.</summary>
    public static CliLoad Start(Uri farm, string token, int count, int boards)
    {
        var folder = Directory.CreateTempSubdirectory("icefarm-faults-");
        var labels = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var label = $"f{i:D5}.bin";
            File.WriteAllBytes(Path.Combine(folder.FullName, label), BitstreamGenerator.Generate(new CircuitDesign(1_000 + (i % 50) * 100, Seed: i)));
            labels.Add(label);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IceFarm.Cli.dll"));
        foreach (var argument in new[] { "evaluate", "--boards", boards.ToString(System.Globalization.CultureInfo.InvariantCulture), "--mode", "any", "--json", "--wait", "60s" })
        {
            info.ArgumentList.Add(argument);
        }

        labels.ForEach(l => info.ArgumentList.Add(Path.Combine(folder.FullName, l)));
        info.Environment["ICEFARM_URL"] = farm.ToString();
        info.Environment["ICEFARM_TOKEN"] = token;
        return new CliLoad(Process.Start(info) ?? throw new InvalidOperationException("Could not start the icefarm CLI."), folder, labels);
    }

    /// <summary>Waits until at least <paramref name="count"/> results arrived (the moment a scenario injects its fault).</summary>
    public Task WaitForResultsAsync(int count, TimeSpan timeout, CancellationToken ct) =>
        Eventually.WaitForAsync<string>(_ =>
        {
            if (_process.HasExited && Results.Count < count)
            {
                throw new InvalidOperationException($"The CLI exited ({_process.ExitCode}) after {Results.Count} results:\n{Stderr}");
            }

            return Task.FromResult(Results.Count >= count ? "enough" : null);
        }, timeout, $"{count} results").WaitAsync(ct);

    /// <summary>Waits for the CLI to end; false (and the CLI killed) if it is still running at the deadline: a hang.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline, CancellationToken ct)
    {
        try
        {
            await _process.WaitForExitAsync(ct).WaitAsync(deadline, ct);
            // The exit event can precede the last buffered lines; the parameterless wait drains them.
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), ct);
            return true;
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            return false;
        }
    }

    /// <summary>SIGKILL to the client: it leaves without ending its reservation.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        _process.Kill();
        await _process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.StartsWith('{'))
        {
            return;
        }

        var result = JsonSerializer.Deserialize<ClientResult>(line, Json)! with { ReceivedAt = _clock.Elapsed };
        lock (_results)
        {
            _results.Add(result);
        }
    }
}
