using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Hostile;

/// <summary>A client that reads its event stream, from the start or from any id, never sees another client's events.</summary>
public sealed class When_a_client_reads_for_another_clients_events(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task Its_stream_from_any_id_holds_only_its_own_and_the_victims_result_reaches_only_the_victim()
    {
        await service.AnnounceWorkerAsync("isolation-worker", 2);
        var (victim, victimId) = await service.NewClientAsync("victim");
        var (snoop, _) = await service.NewClientAsync("snoop");
        using (victim)
        using (snoop)
        {
            var reservation = await ClientCalls.ReserveAsync(victim, new ReserveRequest("pulsecount", Amount: 1));
            using var form = new MultipartFormDataContent { { new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(1000))), "bitstreams", "secret.bin" } };
            using var submitted = await victim.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", form).WaitAsync(Deadline);
            var accepted = (await submitted.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
            var evaluation = Assert.Single(accepted.Evaluations);
            var batchId = accepted.BatchId;

            using var victimClient = Connect(victim);
            await using var victimEvents = await victimClient.OpenEventsAsync(null).WaitAsync(Deadline);
            await service.Services.GetRequiredService<IBus>().Publish(new EvaluationCompleted(reservation.Id, victimId, batchId, evaluation.Id,
                "isolation-worker", evaluation.Serial, evaluation.Label, new EvaluationValue("pulsecount", 4242, null, null), null,
                TimeProvider.System.GetUtcNow())).WaitAsync(Deadline);
            var result = await NextAsync(victimEvents, e => e.Type == StreamEventTypes.Result);
            Assert.Equal(4242, result.Data.GetProperty("value").GetInt64());

            // The snoop resumes from the start and from the victim's own event id; its own reservation's end is the
            // barrier: everything before it on its stream must be its own.
            foreach (long? from in new long?[] { 0, result.Id - 1, null })
            {
                using var snoopClient = Connect(snoop);
                await using var snoopEvents = await snoopClient.OpenEventsAsync(from).WaitAsync(Deadline);
                var own = await ClientCalls.ReserveAsync(snoop, new ReserveRequest("pulsecount", Amount: 1));
                using (var end = await snoop.DeleteAsync($"api/v1/reservations/{own.Id}").WaitAsync(Deadline))
                {
                    Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
                }

                var seen = new List<FarmEvent>();
                await NextAsync(snoopEvents, e =>
                {
                    seen.Add(e);
                    return e.Type == StreamEventTypes.ReservationEnded && e.Data.GetProperty("reservationId").GetGuid() == own.Id;
                });
                Assert.DoesNotContain(seen, e => e.Data.GetRawText().Contains(reservation.Id.ToString(), StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain(seen, e => e.Type == StreamEventTypes.Result);
            }
        }
    }

    private FarmClient Connect(HttpClient http) =>
        new(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });

    private static async Task<FarmEvent> NextAsync(FarmEventStream stream, Func<FarmEvent, bool> match)
    {
        using var cts = new CancellationTokenSource(Deadline);
        await foreach (var item in stream.ReadAllAsync(cts.Token))
        {
            if (match(item))
            {
                return item;
            }
        }

        throw new TimeoutException("The stream ended before the expected event.");
    }
}
