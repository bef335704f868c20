using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Index;

/// <summary>
/// The free-board index is each replica's own hint, and the other replica's commits do not reach it (no timed reload
/// here): what one replica granted or freed costs the other a retry or a query, never a double booking or a refusal.
/// </summary>
public sealed class When_another_replica_changes_the_farm_the_index_is_corrected(IndexHost service) : IClassFixture<IndexHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_board_granted_elsewhere_is_not_granted_again_and_a_board_freed_elsewhere_is_granted()
    {
        var serial = (await service.AnnounceWorkerAsync("two-index-worker", 1)).Single();
        await using var replica = await service.StartReplicaAsync();
        var indexOnB = replica.Services.GetRequiredService<FreeBoardIndex>();
        await Eventually.WaitForAsync(_ => Task.FromResult(indexOnB.FreeSerials("pulsecount").Contains(serial) ? "loaded" : null), Deadline, "replica B's index to load");
        var (onA, _) = await service.NewClientAsync("index-a");
        var (http, _) = await service.NewClientAsync("index-b");
        using var onB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline };
        onB.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        http.Dispose();
        using (onA)
        {
            var first = await ReserveAsync(onA, HttpStatusCode.Created);
            Assert.Contains(serial, indexOnB.FreeSerials("pulsecount"));

            // B's index offers the board A granted: B's grant reads the stream, finds it taken, corrects its index and
            // asks the projection, which has nothing free. The one board stays A's.
            await ReserveAsync(onB, HttpStatusCode.Conflict);
            Assert.DoesNotContain(serial, indexOnB.FreeSerials("pulsecount"));
            await using (var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession())
            {
                Assert.Equal(first!.Id, (await session.LoadAsync<FarmData.Reservations.BoardHolder>(serial))!.ReservationId);
            }

            // A frees it; B's index does not know, but knowing too few never refuses: B asks the projection and grants it.
            using (var end = await onA.DeleteAsync($"api/v1/reservations/{first.Id}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            }

            var second = await ReserveAsync(onB, HttpStatusCode.Created);
            Assert.Equal(serial, second!.Devices.Single().Serial);
        }
    }

    private static async Task<ReservationResponse?> ReserveAsync(HttpClient http, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReservationResponse>() : null;
    }
}
