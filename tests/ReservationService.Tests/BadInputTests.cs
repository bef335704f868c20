using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Evaluations;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_a_client_sends_bad_input(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory(Timeout = 60_000)]
    [InlineData("{not json", "Malformed JSON")]
    [InlineData("""{"kind":"teapot","amount":1}""", "Unknown kind")]
    [InlineData("""{"kind":"pulsecount"}""", "either 'amount' or 'serials'")]
    [InlineData("""{"kind":"pulsecount","amount":0}""", "'amount' must be between")]
    [InlineData("""{"kind":"pulsecount","amount":1,"duration":"forever"}""", "'duration' must be an ISO-8601 duration")]
    [InlineData("""{"kind":"pulsecount","serials":["A","A"]}""", "distinct boards")]
    [InlineData("""{"kind":"pulsecount","amount":-3}""", "'amount' must be between")]
    [InlineData("""{"kind":"pulsecount","amount":100000000}""", "'amount' must be between")]
    [InlineData("""{"kind":"pulsecount","amount":1,"wait":"P2D"}""", "'wait' must be an ISO-8601 duration")]
    [InlineData("""{"kind":"pulse\"count","amount":1}""", "Unknown kind")]
    [InlineData("""{"kind":"pulsecount","amount":"one"}""", "Malformed JSON")]
    [InlineData("[]", "Malformed JSON")]
    public async Task A_malformed_reservation_gets_a_400_problem_that_says_why(string body, string expected)
    {
        var (http, _) = await service.NewClientAsync("sloppy");
        using (http)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("api/v1/reservations", content).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var mine = await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline);
            Assert.Empty(mine!);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_corrupt_bitstream_is_refused_naming_the_part_and_nothing_is_queued()
    {
        await service.AnnounceWorkerAsync("strict-worker", 1);
        var (http, _) = await service.NewClientAsync("careless");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var good = BitstreamGenerator.Generate(new CircuitDesign(1000));
            var corrupt = (byte[])good.Clone();
            corrupt[50_000] ^= 0x10;

            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(good), "bitstreams", "good.bin" },
                { new ByteArrayContent(corrupt), "bitstreams", "corrupt.bin" },
            };
            using var response = await http.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", form).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.EndsWith("/invalid-bitstream", problem.GetProperty("type").GetString());
            Assert.Contains("corrupt.bin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, await OpenTicketsAsync(reservation.Id));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task An_oversized_part_is_refused_naming_it_and_nothing_is_queued()
    {
        await service.AnnounceWorkerAsync("oversize-worker", 1);
        var (http, _) = await service.NewClientAsync("generous");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var good = BitstreamGenerator.Generate(new CircuitDesign(1000));
            var padded = new byte[good.Length + 200_000];
            good.CopyTo(padded, 0);

            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(good), "bitstreams", "good.bin" },
                { new ByteArrayContent(padded), "bitstreams", "padded.bin" },
            };
            using var response = await http.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", form).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.EndsWith("/invalid-bitstream", problem.GetProperty("type").GetString());
            Assert.Contains("'padded.bin': expected 104,090 bytes, got more", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, await OpenTicketsAsync(reservation.Id));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Another_clients_reservation_cannot_be_read_ended_or_used()
    {
        await service.AnnounceWorkerAsync("shared-worker", 1);
        var (owner, _) = await service.NewClientAsync("owner");
        var (intruder, _) = await service.NewClientAsync("intruder");
        using (owner)
        using (intruder)
        {
            using var reserve = await owner.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;

            using var read = await intruder.GetAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            using var end = await intruder.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);

            var still = await owner.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(reservation.Devices.Single().Serial, still!.Devices.Single().Serial);
            using var ended = await owner.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_size_bitstream_is_refused_before_anything_is_queued()
    {
        await service.AnnounceWorkerAsync("size-worker", 1, kind: "variance");
        var (http, _) = await service.NewClientAsync("lattice-user");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[88_698]), "bitstreams", "built-with-n.bin" } };
            using var response = await http.PostAsync($"api/v1/reservations/{reservation.Id}/evaluations", form).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("built-with-n.bin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("104,090", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<int> OpenTicketsAsync(Guid reservationId)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<EvaluationTicket>().CountAsync(t => t.ReservationId == reservationId);
    }
}
