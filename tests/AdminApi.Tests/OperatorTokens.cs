using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;

namespace IceFarm.AdminApi.Tests;

/// <summary>Issues operator tokens through the admin API with the bootstrap token, as a first setup does.</summary>
internal static class OperatorTokens
{
    public static async Task<string> IssueAsync(Uri adminApi, string bootstrapToken, string name, string role)
    {
        using var http = new HttpClient { BaseAddress = adminApi, Timeout = AdminApiHost.Deadline };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bootstrapToken);
        using var response = await http.PostAsJsonAsync("api/admin/tokens", new IssueTokenRequest(name, role));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenIssued>())!.Token;
    }
}
