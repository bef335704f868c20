using System.Diagnostics;
using System.Text;

namespace IceFarm.EndToEnd.Tests;

/// <summary>A WorkerAgent as a separate OS process (its own build output), so the test can send it a real SIGTERM.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

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

    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WorkerDll());
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the worker process."));
    }

    /// <summary>What Kubernetes sends a pod's process when it stops it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit(10_000);
    }

    /// <summary>A crash: SIGKILL, nothing runs on the way out.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
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

    /// <summary>The worker's own build output next to this test's (same configuration), as the Demo runs it.</summary>
    private static string WorkerDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testDir.Parent!.Name; // …/bin/<Configuration>/net10.0/
        var root = testDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IceFarm.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("IceFarm.slnx not found above " + testDir),
            "src", "WorkerAgent", "bin", configuration, "net10.0", "IceFarm.WorkerAgent.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the WorkerAgent first.", dll);
    }
}
