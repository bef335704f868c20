using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Limits;
using IceFarm.ReservationService.Evaluations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Limits;

/// <summary>Floods and oversized asks through real HTTP: each refused with 429 or 413 naming the limit, nothing changed, others unaffected.</summary>
public sealed class When_a_caller_asks_too_much(StrictLimitsHost service) : IClassFixture<StrictLimitsHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 60_000)]
    public async Task Guessing_tokens_from_one_address_is_slowed_to_429_and_a_signed_in_client_is_still_served()
    {
        var (client, _) = await service.NewClientAsync("bystander");
        using var guesser = new HttpClient { BaseAddress = service.BaseAddress, Timeout = Deadline };
        // All at once: the bucket (3, then 1 a second) cannot refill between them however slow the machine is.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/reservations");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"ifc_guess{i}");
            return guesser.SendAsync(request);
        })).WaitAsync(Deadline);
        var statuses = responses.Select(r => r.StatusCode).ToList();
        await AssertRateLimitedAsync(responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests), "a second per address without a valid token");
        Assert.All(responses, r => r.Dispose());
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 1, 10);
        using (client)
        {
            using var served = await client.GetAsync("api/v1/reservations").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_client_flooding_requests_gets_429_while_another_client_is_served()
    {
        var (flooder, _) = await service.NewClientAsync("flooder");
        var (other, _) = await service.NewClientAsync("patient");
        using (flooder)
        using (other)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => flooder.GetAsync("api/v1/reservations"))).WaitAsync(Deadline);
            await AssertRateLimitedAsync(responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests), "requests a second per caller");
            var served = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(responses, r => r.Dispose());
            Assert.InRange(served, 1, 30);
            using var patient = await other.GetAsync("api/v1/reservations").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.OK, patient.StatusCode);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_third_event_stream_is_refused_until_one_of_the_first_two_closes()
    {
        var (http, _) = await service.NewClientAsync("watcher");
        using (http)
        {
            using var first = await OpenStreamAsync(http);
            using var second = await OpenStreamAsync(http);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            using (var third = await OpenStreamAsync(http))
            {
                await AssertRateLimitedAsync(third, "open event streams per client");
            }

            first.Dispose();
            using var reopened = await Eventually.WaitForAsync(async ct =>
            {
                var again = await OpenStreamAsync(http);
                if (again.StatusCode == HttpStatusCode.OK)
                {
                    return again;
                }

                again.Dispose();
                return null;
            }, Deadline, "a stream to open once the first closed");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Extends_beyond_the_limit_are_refused_and_change_nothing()
    {
        await service.AnnounceWorkerAsync("limits-extend", 1);
        var (http, _) = await service.NewClientAsync("extender");
        using (http)
        {
            var reservation = await ReserveAsync(http, 1);
            DateTimeOffset expiresAt = default;
            for (var i = 1; i <= 3; i++)
            {
                using var extended = await http.PostAsJsonAsync($"api/v1/reservations/{reservation.Id}/extend", new ExtendRequest($"PT{i}H")).WaitAsync(Deadline);
                Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
                expiresAt = (await extended.Content.ReadFromJsonAsync<ReservationResponse>())!.ExpiresAt;
            }

            using var refused = await http.PostAsJsonAsync($"api/v1/reservations/{reservation.Id}/extend", new ExtendRequest("PT9H")).WaitAsync(Deadline);
            await AssertRateLimitedAsync(refused, "extends and reboots a minute per client");
            var now = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(expiresAt, now!.ExpiresAt);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_upload_fanning_out_beyond_the_bound_is_413_and_queues_nothing()
    {
        await service.AnnounceWorkerAsync("limits-fan", 2);
        var (http, _) = await service.NewClientAsync("fanner");
        using (http)
        {
            var reservation = await ReserveAsync(http, 2);
            var bitstream = BitstreamGenerator.Generate(new CircuitDesign(1000));
            using var form = new MultipartFormDataContent();
            for (var i = 0; i < 3; i++)
            {
                form.Add(new ByteArrayContent(bitstream), "bitstreams", $"b{i}.bin");
            }

            using var response = await http.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", form).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.EndsWith("/upload-too-large", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("make 6 evaluations", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, await OpenTicketsAsync(reservation.Id));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Upload_bytes_in_flight_beyond_the_budget_are_429_until_the_first_upload_is_answered()
    {
        await service.AnnounceWorkerAsync("limits-budget", 1);
        var (http, clientId) = await service.NewClientAsync("hoarder");
        using (http)
        {
            var reservation = await ReserveAsync(http, 1);
            var bitstream = BitstreamGenerator.Generate(new CircuitDesign(1000));
            // An upload declared at 1000 KiB whose body stalls after its first bytes, written on a raw connection so
            // nothing buffers it: it holds all but 24 KiB of the 1 MiB budget while it waits.
            using var stalled = new System.Net.Sockets.TcpClient();
            await stalled.ConnectAsync(service.BaseAddress.Host, service.BaseAddress.Port);
            var stream = stalled.GetStream();
            var head = $"POST /api/v1/reservations/{reservation.Id}/evaluations HTTP/1.1\r\nHost: {service.BaseAddress.Authority}\r\n" +
                $"Authorization: {http.DefaultRequestHeaders.Authorization}\r\nContent-Type: multipart/form-data; boundary=held\r\n" +
                $"Content-Length: {1000 * 1024}\r\n\r\n--held\r\nContent-Disposition: form-data; name=\"bitstreams\"; filename=\"held.bin\"\r\n\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
            var budget = service.Services.GetRequiredService<UploadBudget>();
            await Eventually.WaitForAsync(ct => Task.FromResult(budget.AvailableKiB(clientId) < 1024 ? "held" : null), Deadline, "the first upload to take its budget");
            using (var form = new MultipartFormDataContent { { new ByteArrayContent(bitstream), "bitstreams", "second.bin" } })
            using (var second = await http.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", form).WaitAsync(Deadline))
            {
                await AssertRateLimitedAsync(second, "MiB of uploads in flight per client");
            }

            Assert.Equal(0, await OpenTicketsAsync(reservation.Id));

            // The stalled client goes away: its upload is refused and its budget given back.
            stalled.Close();
            await Eventually.WaitForAsync(ct => Task.FromResult(budget.AvailableKiB(clientId) == 1024 ? "free" : null), Deadline, "the budget to be given back");
            using var after = new MultipartFormDataContent { { new ByteArrayContent(bitstream), "bitstreams", "third.bin" } };
            using var accepted = await http.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", after).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_answer_carries_the_security_headers_and_HSTS_only_behind_TLS()
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = Deadline };
        using (var plain = await http.GetAsync("healthz").WaitAsync(Deadline))
        {
            Assert.Equal("nosniff", plain.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", plain.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", plain.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        }

        // As an ingress on this host (loopback is a trusted proxy) forwards an HTTPS request for the farm's name
        // (ASP.NET Core never sends HSTS for localhost names).
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "healthz");
        forwarded.Headers.Host = "farm.example.org";
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        using var behindTls = await http.SendAsync(forwarded).WaitAsync(Deadline);
        Assert.StartsWith("max-age=", behindTls.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> OpenStreamAsync(HttpClient http) =>
        http.GetAsync("api/v1/events", HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response, string named)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("/rate-limited", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http, int boards)
    {
        using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: boards)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, reserve.StatusCode);
        return (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private async Task<int> OpenTicketsAsync(Guid reservationId)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<EvaluationTicket>().CountAsync(t => t.ReservationId == reservationId);
    }
}
