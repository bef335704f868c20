using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Workers;
using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Idempotency;
using MassTransit;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>A reserve or upload sent again with the same Idempotency-Key (a client retrying after a lost answer) does its work once.</summary>
public sealed class When_a_request_is_sent_again_with_its_idempotency_key(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task An_upload_sent_twice_or_twice_at_once_is_queued_once_and_answered_the_same()
    {
        await service.AnnounceWorkerAsync("idem-upload-worker", 2);
        var (http, _) = await service.NewClientAsync("retrier");
        using (http)
        {
            var reservation = await ReserveAsync(http, 2, key: null);

            using var first = await SubmitAsync(http, reservation.Id, "key-1");
            using var again = await SubmitAsync(http, reservation.Id, "key-1");
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            var firstAnswer = (await first.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
            var againAnswer = (await again.Content.ReadFromJsonAsync<EvaluationsAccepted>())!;
            Assert.Equal(firstAnswer.BatchId, againAnswer.BatchId);
            Assert.Equal(firstAnswer.Evaluations, againAnswer.Evaluations);

            // Two at once: one commits, the other collides on the stored answer and returns it.
            var racing = await Task.WhenAll(SubmitAsync(http, reservation.Id, "key-2"), SubmitAsync(http, reservation.Id, "key-2"));
            var answers = new List<EvaluationsAccepted>();
            foreach (var response in racing)
            {
                using (response)
                {
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    answers.Add((await response.Content.ReadFromJsonAsync<EvaluationsAccepted>())!);
                }
            }

            Assert.Equal(answers[0].BatchId, answers[1].BatchId);
            Assert.NotEqual(firstAnswer.BatchId, answers[0].BatchId);

            // 2 bitstreams × 2 boards per key, each queued once.
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var tickets = await session.Query<EvaluationTicket>().Where(t => t.ReservationId == reservation.Id).ToListAsync();
            Assert.Equal(8, tickets.Count);
            Assert.Equal(4, tickets.Count(t => t.BatchId == firstAnswer.BatchId));
            Assert.Equal(4, tickets.Count(t => t.BatchId == answers[0].BatchId));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_reserve_sent_twice_or_twice_at_once_grants_one_reservation()
    {
        await service.AnnounceWorkerAsync("idem-reserve-worker", 3, kind: "variance");
        var (http, _) = await service.NewClientAsync("reserver");
        using (http)
        {
            var first = await ReserveAsync(http, 1, "reserve-1", "variance");
            var again = await ReserveAsync(http, 1, "reserve-1", "variance");
            Assert.Equal(first.Id, again.Id);

            var racing = await Task.WhenAll(ReserveAsync(http, 1, "reserve-2", "variance"), ReserveAsync(http, 1, "reserve-2", "variance"));
            Assert.Equal(racing[0].Id, racing[1].Id);

            var mine = (await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations"))!;
            Assert.Equal(2, mine.Length);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("has space")]
    [InlineData("")]
    public async Task A_malformed_key_is_refused_with_400_and_nothing_is_granted(string key)
    {
        var (http, _) = await service.NewClientAsync("sloppy");
        using (http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reservations") { Content = JsonContent.Create(new ReserveRequest("pulsecount", Amount: 1)) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var response = await http.SendAsync(request).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(ProblemTypes.InvalidIdempotencyKey, problem.GetProperty("type").GetString());
            Assert.Empty((await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations"))!);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_key_longer_than_128_characters_is_refused()
    {
        var (http, _) = await service.NewClientAsync("verbose");
        using (http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reservations") { Content = JsonContent.Create(new ReserveRequest("pulsecount", Amount: 1)) };
            request.Headers.Add("Idempotency-Key", new string('k', 129));
            using var response = await http.SendAsync(request).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_retry_after_the_first_attempts_process_died_before_sending_sends_its_open_evaluations()
    {
        await service.AnnounceWorkerAsync("idem-crash-worker", 1);
        var received = System.Threading.Channels.Channel.CreateUnbounded<EvaluateBitstream>();
        var endpoint = service.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(WorkerQueues.For("idem-crash-worker"),
            e => e.Handler<EvaluateBitstream>(c => received.Writer.WriteAsync(c.Message).AsTask()));
        await endpoint.Ready.WaitAsync(Deadline);
        try
        {
            var (http, clientId) = await service.NewClientAsync("crash-retrier");
            using (http)
            {
                var reservation = await ReserveAsync(http, 1, key: null);
                var serial = reservation.Devices.Single().Serial;

                // What a ReservationService killed between storing an upload and sending it leaves behind: the stored
                // tickets and answer of the first attempt, and nothing sent. The client retries with the same key.
                var now = TimeProvider.System.GetUtcNow();
                var batch = Guid.CreateVersion7(now);
                var tickets = Enumerable.Range(0, 2).Select(i => $"i{i}.bin").Select(label => new EvaluationTicket
                {
                    Id = Guid.CreateVersion7(now), ReservationId = reservation.Id, ClientId = clientId, BatchId = batch, Serial = serial, Label = label, SubmittedAt = now,
                }).ToArray();
                await using (var session = service.Services.GetRequiredService<IDocumentStore>().LightweightSession())
                {
                    session.Store(tickets);
                    session.Insert(new IdempotentRequest
                    {
                        Id = IdempotencyKeys.IdOf(IdempotencyKeys.Evaluations, clientId, "crash-key"), ClientId = clientId, Operation = IdempotencyKeys.Evaluations,
                        At = now, ReservationId = reservation.Id, Accepted = new EvaluationsAccepted(batch, [.. tickets.Select(t => new AcceptedEvaluation(t.Id, t.Label, t.Serial))]),
                    });
                    await session.SaveChangesAsync();
                }

                using var retry = await SubmitAsync(http, reservation.Id, "crash-key");
                Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
                Assert.Equal(batch, (await retry.Content.ReadFromJsonAsync<EvaluationsAccepted>())!.BatchId);
                var sent = new[]
                {
                    await received.Reader.ReadAsync().AsTask().WaitAsync(Deadline), await received.Reader.ReadAsync().AsTask().WaitAsync(Deadline),
                };
                Assert.Equal(tickets.Select(t => t.Id).Order(), sent.Select(m => m.EvaluationId).Order());
                Assert.Equal(BitstreamGenerator.Generate(new CircuitDesign(2000)), sent.Single(m => m.Label == "i0.bin").Bitstream);
            }
        }
        finally
        {
            await endpoint.StopAsync().WaitAsync(Deadline);
        }
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http, int amount, string? key, string kind = "pulsecount")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reservations") { Content = JsonContent.Create(new ReserveRequest(kind, Amount: amount)) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await http.SendAsync(request).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, Guid reservationId, string key)
    {
        var form = new MultipartFormDataContent();
        for (var i = 0; i < 2; i++)
        {
            form.Add(new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(2000 + i))), "bitstreams", $"i{i}.bin");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/reservations/{reservationId}/evaluations") { Content = form };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request).WaitAsync(Deadline);
    }
}
