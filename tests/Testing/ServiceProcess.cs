using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IceFarm.Testing;

/// <summary>
/// One of the farm's services (ReservationService, AdminApi, WorkerAgent) as a separate OS process running its own build
/// output (<c>dotnet src/&lt;Service&gt;/bin/&lt;Configuration&gt;/net10.0/IceFarm.&lt;Service&gt;.dll</c>), configured by
/// environment variables, so a test can send it real signals: SIGKILL as a crash, SIGTERM as Kubernetes stops a pod.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string service, Process process)
    {
        Service = service;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Service { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote (its console log), for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>IceFarm.<paramref name="service"/>.dll</c> with <paramref name="environment"/> added to this process's.</summary>
    public static ServiceProcess Start(string service, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll(service));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        return new ServiceProcess(service, Process.Start(info) ?? throw new InvalidOperationException($"Could not start {service}."));
    }

    /// <summary>SIGKILL: the process ends at once, as in a crash or an OOM kill; waits until it is gone.</summary>
    public async Task KillAsync(CancellationToken ct = default)
    {
        _process.Kill();
        await _process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    /// <summary>SIGTERM: what Kubernetes sends a pod's process when it stops it (the service shuts down gracefully).</summary>
    public Task TerminateAsync(CancellationToken ct = default) =>
        CommandLine.RunCheckedAsync("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10), ct: ct);

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        await _process.WaitForExitAsync(ct).WaitAsync(timeout, ct);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The service's own build output next to the test's (same configuration), as the Demo runs it.</summary>
    private static string Dll(string service)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // …/bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepositoryRoot.Path, "src", service, "bin", configuration, "net10.0", $"IceFarm.{service}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the {service} first.", dll);
    }
}
