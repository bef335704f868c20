using System.Diagnostics;
using System.Net.Http.Headers;

namespace IceFarm.Bench.Farm;

/// <summary>What an operator's table costs: the admin API's device table and workers list, timed as a client sees them.</summary>
internal static class AdminReads
{
    public static async Task<List<double>> TimeAsync(BenchFarm farm, string path, int samples)
    {
        using var http = new HttpClient { BaseAddress = farm.AdminAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", farm.AdminToken);
        using (var warm = await http.GetAsync(path))
        {
            warm.EnsureSuccessStatusCode();
        }

        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times;
    }
}
