using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Evaluations;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>Two ReservationService replicas on one database and vhost, as behind a load balancer (ARCHITECTURE.md §13).</summary>
public abstract class When_two_replicas_serve_one_client(ReservationServiceHost service)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const int Results = 20;

    [Fact(Timeout = 180_000)]
    public async Task A_stream_on_one_gets_the_events_of_both_numbered_without_gaps_and_resumes_on_the_other_losing_and_repeating_nothing()
    {
        await using var replica = await service.StartReplicaAsync();
        await service.AnnounceWorkerAsync("replica-worker", 1);
        var (http, clientId) = await service.NewClientAsync("two-sided");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var accepted = await SubmitAsync(http, reservation.Id);

            using var onA = ReplicaStreams.Connect(service.BaseAddress, token);
            await using var streamA = await onA.OpenEventsAsync(null).WaitAsync(Deadline);

            // Results are competing consumers: each replica stores the ones it consumed, at the same time as the other.
            var outcomesA = service.Services.GetRequiredService<EvaluationOutcomes>();
            var outcomesB = replica.Services.GetRequiredService<EvaluationOutcomes>();
            await Task.WhenAll(accepted.Evaluations.Select((e, i) => (i % 2 == 0 ? outcomesA : outcomesB).CompleteAsync(
                new EvaluationCompleted(reservation.Id, clientId, accepted.BatchId, e.Id, "replica-worker", e.Serial, e.Label,
                    new EvaluationValue("pulsecount", i, null, null), null, TimeProvider.System.GetUtcNow()),
                CancellationToken.None))).WaitAsync(Deadline);

            // The client ends its reservation through the other replica (the load balancer sent it there).
            using (var viaB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline })
            {
                viaB.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
                using var end = await viaB.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
                Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            }

            var seenOnA = await ReplicaStreams.ReadUntilEndedAsync(streamA, Deadline);
            var results = seenOnA.Where(e => e.Type == StreamEventTypes.Result).ToList();
            Assert.Equal(accepted.Evaluations.Select(e => e.Id).Order(), results.Select(e => e.Data.GetProperty("evaluationId").GetGuid()).Order());
            AssertConsecutive(seenOnA);

            // Reconnecting lands on the other replica, with the id of an event in the middle of what A delivered.
            var resumeAfter = seenOnA[Results / 2].Id;
            using var onB = ReplicaStreams.Connect(replica.BaseAddress, token);
            await using var streamB = await onB.OpenEventsAsync(resumeAfter).WaitAsync(Deadline);
            var seenOnB = await ReplicaStreams.ReadUntilEndedAsync(streamB, Deadline);
            Assert.Equal(seenOnA.Where(e => e.Id > resumeAfter).Select(e => (e.Id, e.Type)), seenOnB.Select(e => (e.Id, e.Type)));
        }
    }

    private static void AssertConsecutive(List<FarmEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Id == events[i - 1].Id + 1, $"event ids {string.Join(',', events.Select(e => e.Id))} are not consecutive");
        }
    }

    private static async Task<EvaluationsAccepted> SubmitAsync(HttpClient http, Guid reservationId)
    {
        using var form = new MultipartFormDataContent();
        for (var i = 1; i <= Results; i++)
        {
            form.Add(new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(1000 * i))), "bitstreams", $"r{i}.bin");
        }

        using var submitted = await http.PostAsync($"api/v1/reservations/{reservationId}/evaluations", form).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
    }

}

/// <summary>The poll is a day apart: only the notification can carry events between the replicas.</summary>
public sealed class When_two_replicas_serve_one_client_woken_by_notifications(NotifyingReplicasHost service)
    : When_two_replicas_serve_one_client(service), IClassFixture<NotifyingReplicasHost>;

/// <summary>Nobody listens (as behind a pooler in transaction mode): only the fallback poll carries events between the replicas.</summary>
public sealed class When_two_replicas_serve_one_client_found_by_the_poll(PollingReplicasHost service)
    : When_two_replicas_serve_one_client(service), IClassFixture<PollingReplicasHost>;
