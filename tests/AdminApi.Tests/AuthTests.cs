using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace IceFarm.AdminApi.Tests;

public sealed class When_a_caller_has_no_admin_token(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "api/admin/workers" },
        { "GET", "api/admin/workers/w1/devices" },
        { "GET", "api/admin/workers/w1/drain" },
        { "GET", "api/admin/devices" },
        { "GET", "api/admin/devices/S1/history" },
        { "GET", "api/admin/availability" },
        { "GET", "api/admin/clients" },
        { "GET", "api/admin/clients/c1/reservations" },
        { "POST", "api/admin/devices/S1/end" },
        { "POST", "api/admin/clients/c1/end" },
        { "POST", "api/admin/devices/S1/extend" },
        { "POST", "api/admin/clients/c1/extend" },
        { "POST", "api/admin/devices/S1/reboot" },
        { "POST", "api/admin/devices/S1/maintenance" },
        { "POST", "api/admin/devices/S1/retire" },
        { "POST", "api/admin/devices/S1/return-to-service" },
        { "DELETE", "api/admin/devices/S1" },
        { "POST", "api/admin/workers/w1/drain" },
        { "POST", "api/admin/workers/w1/maintenance" },
        { "DELETE", "api/admin/workers/w1/maintenance" },
        { "POST", "api/admin/workers/w1/return-to-service" },
        { "POST", "api/admin/clients" },
        { "GET", "api/admin/clients/c1/quota" },
        { "PUT", "api/admin/clients/c1/quota" },
        { "GET", "api/admin/queue" },
        { "GET", "api/admin/tokens" },
        { "POST", "api/admin/tokens" },
        { "POST", "api/admin/clients/c1/tokens" },
        { "POST", "api/admin/tokens/tok_0/revoke" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Endpoints))]
    public async Task Every_admin_endpoint_answers_401_problem_without_a_token(string method, string path)
    {
        using var http = host.Anonymous();
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WaitAsync(AdminApiHost.Deadline);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "/unauthorized");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Endpoints))]
    public async Task Every_admin_endpoint_answers_401_with_a_wrong_token(string method, string path)
    {
        using var http = host.Client(host.AdminApiUri, "not-the-admin-token-at-all");
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WaitAsync(AdminApiHost.Deadline);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "/unauthorized");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_client_token_is_forbidden_on_the_admin_api()
    {
        var (_, client) = await host.NewClientAsync("curious");
        client.Dispose();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter;
        using var http = host.Client(host.AdminApiUri, token);
        using var response = await http.GetAsync("api/admin/devices").WaitAsync(AdminApiHost.Deadline);
        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "/unauthorized");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_openapi_document_lists_every_admin_endpoint()
    {
        using var http = host.Anonymous();
        var document = await http.GetFromJsonAsync<JsonElement>("openapi/v1.json").WaitAsync(AdminApiHost.Deadline);
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/admin/workers", "/api/admin/workers/{name}/devices", "/api/admin/workers/{name}/drain", "/api/admin/devices", "/api/admin/devices/{serial}/history",
            "/api/admin/availability", "/api/admin/clients", "/api/admin/clients/{clientId}/reservations", "/api/admin/devices/{serial}/end",
            "/api/admin/clients/{clientId}/end", "/api/admin/devices/{serial}/extend", "/api/admin/clients/{clientId}/extend",
            "/api/admin/devices/{serial}/reboot", "/api/admin/devices/{serial}", "/api/admin/workers/{name}/drain",
            "/api/admin/workers/{name}/maintenance", "/api/admin/workers/{name}/return-to-service",
            "/api/admin/clients/{clientId}/quota", "/api/admin/queue",
            "/api/admin/devices/{serial}/maintenance", "/api/admin/devices/{serial}/retire", "/api/admin/devices/{serial}/return-to-service",
            "/api/admin/tokens", "/api/admin/clients/{clientId}/tokens", "/api/admin/tokens/{id}/revoke",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string typeSuffix)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith(typeSuffix, problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
