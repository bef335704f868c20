using System.Globalization;
using IceFarm.Testing;

namespace IceFarm.Broker.Tests;

/// <summary>The three services as processes, configured for the TLS node with <c>amqps://</c> and the test CA file only.</summary>
public sealed class TlsServices : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ServiceProcess> _processes = [];
    private readonly Dictionary<string, string> _environment;

    public TlsServices(TlsBrokerNode broker, string postgres)
    {
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__RabbitMq"] = broker.AmqpsUri,
            ["WorkerIdentity__Required"] = "false",
            ["RabbitMq__Tls__CaCertificate"] = broker.CaFile,
            ["Admin__Token"] = AdminToken,
            ["Worker__Name"] = WorkerName,
            ["Worker__SimulatedBoards"] = "1",
            ["Worker__SimulationProfile"] = "fast",
            ["Worker__HeartbeatInterval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public string AdminToken { get; } = $"admin-{Guid.NewGuid():N}";

    public string WorkerName { get; } = $"tls-{Guid.NewGuid():N}"[..20];

    /// <summary>Starts <paramref name="service"/> on a port of its own and returns its address once <c>/healthz</c> answers.</summary>
    public async Task<Uri> StartAsync(string service, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}/");
        var process = ServiceProcess.Start(service, new Dictionary<string, string>(_environment) { ["Urls"] = address.ToString().TrimEnd('/') });
        _processes.Add(process);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitForAsync<string>(async probe =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{service} exited while starting:\n{process.Output}");
            }

            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(probe, ct);
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), linked.Token);
                return response.IsSuccessStatusCode ? "up" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
            catch (TaskCanceledException) when (!probe.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return null;
            }
        }, StartTimeout, $"{service} to answer /healthz");
        return address;
    }

    /// <summary>What every process wrote, for a failing test's message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"--- {p.Service} (pid {p.Id}) ---\n{p.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }
}
