using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Evaluations;
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
