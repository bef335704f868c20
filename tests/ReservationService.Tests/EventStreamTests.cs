using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_a_client_reconnects_to_its_event_stream(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task It_gets_every_event_it_missed_even_across_a_service_restart_and_numbering_continues()
    {
        await service.AnnounceWorkerAsync("stream-worker", 1);
        var (http, clientId) = await service.NewClientAsync("resumer");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        EvaluationsAccepted accepted;
        Guid reservationId;
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            reservationId = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!.Id;
            using var form = new MultipartFormDataContent();
            for (var i = 1; i <= 4; i++)
            {
                form.Add(new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(1000 * i))), "bitstreams", $"b{i}.bin");
            }

            using var submitted = await http.PostAsync($"api/v1/reservations/{reservationId}/evaluations", form).WaitAsync(Deadline);
            accepted = (await submitted.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
        }

        var batchId = accepted.BatchId;
        var evaluations = accepted.Evaluations.ToDictionary(e => e.Label);

        long firstId;
        using (var client = Connect(token))
        {
            await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
            var seen = new List<FarmEvent>();
            foreach (var value in new long[] { 1, 2, 3 })
            {
                // One at a time: results are consumed concurrently, so only this keeps the expected order.
                await PublishResultAsync(clientId, reservationId, batchId, value, evaluations);
                seen.AddRange(await ReadAsync(events, 1));
            }

            Assert.Equal([1L, 2L, 3L], seen.Select(e => e.Data.GetProperty("value").GetInt64()));
            Assert.True(seen[0].Id < seen[1].Id && seen[1].Id < seen[2].Id);
            firstId = seen[0].Id;
        }

        using (var client = Connect(token))
        {
            await using var resumed = await client.OpenEventsAsync(firstId).WaitAsync(Deadline);
            var missed = await ReadAsync(resumed, 2);
            Assert.Equal([2L, 3L], missed.Select(e => e.Data.GetProperty("value").GetInt64()));
        }

        await service.RestartAsync();

        using (var client = Connect(token))
        {
            await using var afterRestart = await client.OpenEventsAsync(firstId).WaitAsync(Deadline);
            var fromStore = await ReadAsync(afterRestart, 2);
            Assert.Equal([2L, 3L], fromStore.Select(e => e.Data.GetProperty("value").GetInt64()));

            await PublishResultAsync(clientId, reservationId, batchId, 4, evaluations);
            var next = Assert.Single(await ReadAsync(afterRestart, 1));
            Assert.Equal(4L, next.Data.GetProperty("value").GetInt64());
            Assert.Equal(fromStore[^1].Id + 1, next.Id);
        }
    }

    private FarmClient Connect(string token) => new(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = token });

    /// <summary>Plays the worker: the result of the evaluation labelled <c>b{value}.bin</c>, with the value <paramref name="value"/>.</summary>
    private Task PublishResultAsync(string clientId, Guid reservationId, Guid batchId, long value, Dictionary<string, AcceptedEvaluation> evaluations)
    {
        var evaluation = evaluations[$"b{value}.bin"];
        return service.Services.GetRequiredService<IBus>().Publish(new EvaluationCompleted(reservationId, clientId, batchId, evaluation.Id, "stream-worker",
            evaluation.Serial, evaluation.Label, new EvaluationValue("pulsecount", value, null, null), null, TimeProvider.System.GetUtcNow())).WaitAsync(Deadline);
    }

    private static async Task<List<FarmEvent>> ReadAsync(FarmEventStream stream, int count)
    {
        using var cts = new CancellationTokenSource(Deadline);
        var events = new List<FarmEvent>();
        await foreach (var item in stream.ReadAllAsync(cts.Token))
        {
            if (item.Type == StreamEventTypes.Result)
            {
                events.Add(item);
            }

            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }
}
