using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests.Outages;

/// <summary>The client API while PostgreSQL is down: a 503 the SDK retries, never a 500; and back to normal once it is up.</summary>
[Trait("Category", "Restarts")]
public sealed class When_the_database_is_down(PrivateDatabaseHost service) : IClassFixture<PrivateDatabaseHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task Reserve_upload_and_reads_answer_503_database_unavailable_with_Retry_After_and_work_again_once_it_is_up()
    {
        await service.AnnounceWorkerAsync("outage-worker", 2);
        var (http, _) = await service.NewClientAsync("patient");
        using (http)
        {
            var reservation = await ReserveAsync(http);
            await service.Cluster.StopAsync();
            try
            {
                using (var reserve = await PostReserveAsync(http))
                {
                    await AssertDatabaseUnavailableAsync(reserve);
                }

                using (var upload = await SubmitAsync(http, reservation.Id))
                {
                    await AssertDatabaseUnavailableAsync(upload);
                }

                using (var read = await http.GetAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline))
                {
                    await AssertDatabaseUnavailableAsync(read);
                }

                using (var list = await http.GetAsync("api/v1/reservations").WaitAsync(Deadline))
                {
                    await AssertDatabaseUnavailableAsync(list);
                }
            }
            finally
            {
                await service.Cluster.StartAsync();
            }

            // The pool's connections died with the server: the first requests after it may still answer 503, never 500.
            var accepted = await Eventually.WaitForAsync(async ct =>
            {
                using var upload = await SubmitAsync(http, reservation.Id);
                Assert.NotEqual(HttpStatusCode.InternalServerError, upload.StatusCode);
                return upload.StatusCode == HttpStatusCode.Accepted ? await upload.Content.ReadFromJsonAsync<EvaluationsAccepted>(ct) : null;
            }, Deadline, "an upload accepted after the database came back");
            Assert.Single(accepted.Evaluations);
            using var second = await PostReserveAsync(http);
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }
    }

    private static async Task AssertDatabaseUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemTypes.DatabaseUnavailable, problem.GetProperty("type").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http)
    {
        using var response = await PostReserveAsync(http);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private static Task<HttpResponseMessage> PostReserveAsync(HttpClient http) =>
        http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, Guid reservationId)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(BitstreamGenerator.Generate(new CircuitDesign(3000))), "bitstreams", "o.bin" },
        };
        return http.PostAsync($"api/v1/reservations/{reservationId}/evaluations", form).WaitAsync(Deadline);
    }
}
