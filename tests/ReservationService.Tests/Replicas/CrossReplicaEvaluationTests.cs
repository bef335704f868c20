using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Evaluations;
using IceFarm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>
/// Results and failures are competing consumers: the replica that ends an evaluation is often not the one that took its
/// upload, and a result can be delivered twice (to each replica once). Each evaluation still ends exactly once.
/// </summary>
public sealed class When_an_evaluation_ends_on_the_other_replica(BoundedReplicasHost service) : IClassFixture<BoundedReplicasHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const int Evaluations = 4;

    [Fact(Timeout = 180_000)]
    public async Task Its_result_reaches_the_client_once_even_when_both_replicas_consume_it()
    {
        await using var replica = await service.StartReplicaAsync();
        var (http, token, clientId, reservationId, worker) = await ReserveAsync("cross-result");
        using (http)
        {
            using var client = ReplicaStreams.Connect(service.BaseAddress, token);
            await using var stream = await client.OpenEventsAsync(null).WaitAsync(Deadline);
            var accepted = await SubmitAsync(http, reservationId);

            // The bound holds across replicas: the other replica counts the store's open evaluations, not its own.
            using (var viaB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline })
            {
                viaB.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
                Assert.Null(await TrySubmitAsync(viaB, reservationId));
            }

            var onA = service.Services.GetRequiredService<EvaluationOutcomes>();
            var onB = replica.Services.GetRequiredService<EvaluationOutcomes>();
            // Each result is consumed by the replica that did not take the upload: that stores it.
            var before = await NumbersAsync(clientId);
            await CompleteAllAsync(onB, accepted, reservationId, clientId, worker);
            Assert.Equal(before + Evaluations, await NumbersAsync(clientId));

            // The board's queue was full (the bound is 4): the replica that took the upload counts what the store holds, so
            // the evaluations the other replica ended no longer count, at once.
            var next = await TrySubmitAsync(http, reservationId) ?? throw new Xunit.Sdk.XunitException("the next upload was refused although the board's evaluations ended");

            // Redelivered, to the replica that took the upload and to the same one again: nothing more is stored.
            await CompleteAllAsync(onA, accepted, reservationId, clientId, worker);
            await CompleteAllAsync(onB, accepted, reservationId, clientId, worker);
            Assert.Equal(before + Evaluations, await NumbersAsync(clientId));
            await CompleteAllAsync(onA, next, reservationId, clientId, worker);

            await EndAsync(http, reservationId);
            var seen = await ReplicaStreams.ReadUntilEndedAsync(stream, Deadline);
            var results = seen.Where(e => e.Type == StreamEventTypes.Result).Select(e => e.Data.GetProperty("evaluationId").GetGuid()).ToList();
            Assert.Equal(accepted.Evaluations.Concat(next.Evaluations).Select(e => e.Id).Order(), results.Order());
            Assert.DoesNotContain(seen, e => e.Type == StreamEventTypes.EvaluationFailed);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Ending_its_reservation_on_the_other_replica_fails_it_explicitly()
    {
        await using var replica = await service.StartReplicaAsync();
        var (http, token, clientId, reservationId, worker) = await ReserveAsync("cross-end");
        using (http)
        {
            using var client = ReplicaStreams.Connect(service.BaseAddress, token);
            await using var stream = await client.OpenEventsAsync(null).WaitAsync(Deadline);
            var accepted = await SubmitAsync(http, reservationId);

            using (var viaB = new HttpClient { BaseAddress = replica.BaseAddress, Timeout = Deadline })
            {
                viaB.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
                await EndAsync(viaB, reservationId);
            }

            var seen = await ReplicaStreams.ReadUntilEndedAsync(stream, Deadline);
            var failed = seen.Where(e => e.Type == StreamEventTypes.EvaluationFailed).Select(e => e.Data.GetProperty("evaluationId").GetGuid()).ToList();
            Assert.Equal(accepted.Evaluations.Select(e => e.Id).Order(), failed.Order());

            // A result that arrives after the end is dropped by either replica: the evaluation already ended.
            var before = await NumbersAsync(clientId);
            var late = accepted.Evaluations[0];
            await service.Services.GetRequiredService<EvaluationOutcomes>().CompleteAsync(
                new EvaluationCompleted(reservationId, clientId, accepted.BatchId, late.Id, worker, late.Serial, late.Label,
                    new EvaluationValue("pulsecount", 1, null, null), null, TimeProvider.System.GetUtcNow()),
                CancellationToken.None).WaitAsync(Deadline);
            Assert.Equal(before, await NumbersAsync(clientId));
        }
    }

    private Task CompleteAllAsync(EvaluationOutcomes outcomes, EvaluationsAccepted accepted, Guid reservationId, string clientId, string worker) =>
        Task.WhenAll(accepted.Evaluations.Select((e, i) => outcomes.CompleteAsync(
            new EvaluationCompleted(reservationId, clientId, accepted.BatchId, e.Id, worker, e.Serial, e.Label,
                new EvaluationValue("pulsecount", i, null, null), null, TimeProvider.System.GetUtcNow()),
            CancellationToken.None))).WaitAsync(Deadline);

    private async Task<(HttpClient Http, string Token, string ClientId, Guid ReservationId, string Worker)> ReserveAsync(string name)
    {
        var worker = $"{name}-worker-{Guid.NewGuid():N}"[..24];
        await service.AnnounceWorkerAsync(worker, 1);
        var (http, clientId) = await service.NewClientAsync(name);
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, reserve.StatusCode);
        return (http, token, clientId, (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!.Id, worker);
    }

    private static async Task<EvaluationsAccepted> SubmitAsync(HttpClient http, Guid reservationId) =>
        await TrySubmitAsync(http, reservationId) ?? throw new Xunit.Sdk.XunitException("the upload was refused: 429");

    /// <summary>Null when the board's queue is full (429, which changes nothing).</summary>
    private static async Task<EvaluationsAccepted?> TrySubmitAsync(HttpClient http, Guid reservationId)
    {
        using var form = new MultipartFormDataContent();
        for (var i = 1; i <= Evaluations; i++)
        {
            form.Add(new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(1000 * i))), "bitstreams", $"x{i}.bin");
        }

        using var submitted = await http.PostAsync($"api/v1/reservations/{reservationId}/evaluations", form).WaitAsync(Deadline);
        if (submitted.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
    }

    private static async Task EndAsync(HttpClient http, Guid reservationId)
    {
        using var end = await http.DeleteAsync($"api/v1/reservations/{reservationId}").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
    }

    /// <summary>The client's last event id: it moves whenever anything is stored for the client.</summary>
    private async Task<long> NumbersAsync(string clientId) =>
        (await service.Services.GetRequiredService<ClientEvents.ClientFeedStore>().LastIdsAsync([clientId], CancellationToken.None).WaitAsync(Deadline))
        .GetValueOrDefault(clientId);
}
