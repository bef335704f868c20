using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;

namespace IceFarm.Bench.Farm;

/// <summary>
/// Clients that reserve one board, end it, and go again; measures the reserve call as a client sees it. With no think
/// time the clients are a closed loop that saturates the service (latency is then mostly queueing, set by throughput);
/// with a think time each client waits 0.5–1.5 × that between cycles, as peers that schedule on ticks do.
/// </summary>
internal static class ReserveLoad
{
    public static async Task<(List<double> LatenciesMs, List<double> EndLatenciesMs, TimeSpan Wall, int Refused)> RunAsync(
        BenchFarm farm, string kind, int clients, int reservations, TimeSpan think = default)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 };
        var https = new List<HttpClient>();
        for (var i = 0; i < clients; i++)
        {
            var (_, token) = await farm.Clients.CreateAsync($"bench{i}", "bench", null, CancellationToken.None);
            var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = farm.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            https.Add(http);
        }

        var latencies = new List<double>(reservations);
        var endLatencies = new List<double>(reservations);
        var refused = 0;
        var remaining = reservations;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(https.Select(async http =>
        {
            await Task.Delay(think * Random.Shared.NextDouble());
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest(kind, Amount: 1));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }

                var reservation = (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }

                started = Stopwatch.GetTimestamp();
                using var end = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}");
                elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (endLatencies)
                {
                    endLatencies.Add(elapsed);
                }

                await Task.Delay(think * (0.5 + Random.Shared.NextDouble()));
            }
        }));
        clock.Stop();
        https.ForEach(h => h.Dispose());
        handler.Dispose();
        latencies.Sort();
        endLatencies.Sort();
        return (latencies, endLatencies, clock.Elapsed, refused);
    }
}
