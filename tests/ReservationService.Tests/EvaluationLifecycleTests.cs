using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>Tests play the worker: no board answers unless the test publishes its result.</summary>
public sealed class When_evaluations_are_queued(SmallQueueHost service) : IClassFixture<SmallQueueHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_board_takes_no_more_than_its_bound_and_the_rest_gets_429_with_nothing_queued()
    {
        await service.AnnounceWorkerAsync("busy-worker", 1);
        var (http, _) = await service.NewClientAsync("flooder");
        using (http)
        {
            var reservation = await ReserveAsync(http);
            using (var tooMany = await SubmitAsync(http, reservation.Id, 3))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
                Assert.Equal("1", tooMany.Headers.RetryAfter?.ToString());
            }

            using (var fits = await SubmitAsync(http, reservation.Id, 2))
            {
                Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
            }

            using var full = await SubmitAsync(http, reservation.Id, 1);
            Assert.Equal(HttpStatusCode.TooManyRequests, full.StatusCode);
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            Assert.Equal(2, await session.Query<EvaluationTicket>().CountAsync(t => t.ReservationId == reservation.Id));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Ending_the_reservation_fails_every_open_evaluation_once_and_late_or_repeated_results_are_dropped()
    {
        await service.AnnounceWorkerAsync("slow-worker", 1, kind: "variance");
        var (http, clientId) = await service.NewClientAsync("impatient");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            var reservation = await ReserveAsync(http, "variance");
            using var submitted = await SubmitAsync(http, reservation.Id, 2);
            var accepted = (await submitted.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
            var outcomes = service.Services.GetRequiredService<EvaluationOutcomes>();

            // The first evaluation's result arrives twice (a redelivery): the client sees it once.
            var first = accepted.Evaluations[0];
            var result = new EvaluationCompleted(reservation.Id, clientId, accepted.BatchId, first.Id, "slow-worker", first.Serial, first.Label,
                new EvaluationValue("variance", null, 12.5, [1, 2, 3]), null, TimeProvider.System.GetUtcNow());
            await outcomes.CompleteAsync(result, CancellationToken.None).WaitAsync(Deadline);
            await outcomes.CompleteAsync(result, CancellationToken.None).WaitAsync(Deadline);

            using (var end = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            }

            // A result for the second evaluation arriving after the end is dropped: it already failed.
            var second = accepted.Evaluations[1];
            await outcomes.CompleteAsync(result with { EvaluationId = second.Id, Label = second.Label }, CancellationToken.None).WaitAsync(Deadline);

            var seen = await ReadUntilAsync(events, StreamEventTypes.ReservationEnded);
            var ends = seen.Where(e => e.Type is StreamEventTypes.Result or StreamEventTypes.EvaluationFailed).ToList();
            Assert.Equal(2, ends.Count);
            Assert.Equal(StreamEventTypes.Result, ends.Single(e => e.Data.GetProperty("evaluationId").GetGuid() == first.Id).Type);
            var failed = ends.Single(e => e.Data.GetProperty("evaluationId").GetGuid() == second.Id);
            Assert.Equal(StreamEventTypes.EvaluationFailed, failed.Type);
            Assert.Equal("user", failed.Data.GetProperty("category").GetString());

            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            Assert.Equal(0, await session.Query<EvaluationTicket>().CountAsync(t => t.ReservationId == reservation.Id));
            var (stored, _, _) = await service.Services.GetRequiredService<ClientFeedStore>().ReadAsync(clientId, 0, long.MaxValue, 1_000, CancellationToken.None);
            Assert.Equal(1, stored.Count(r => r.Type == StreamEventTypes.Result));
        }
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http, string kind = "pulsecount")
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest(kind, Amount: 1)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, Guid reservationId, int count)
    {
        var form = new MultipartFormDataContent();
        for (var i = 0; i < count; i++)
        {
            form.Add(new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(1000 + i))), "bitstreams", $"c{i}.bin");
        }

        return http.PostAsync($"api/v1/reservations/{reservationId}/evaluations", form).WaitAsync(Deadline);
    }

    private static async Task<List<FarmEvent>> ReadUntilAsync(FarmEventStream stream, string type)
    {
        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<FarmEvent>();
        await foreach (var item in stream.ReadAllAsync(cts.Token))
        {
            seen.Add(item);
            if (item.Type == type)
            {
                break;
            }
        }

        return seen;
    }
}
