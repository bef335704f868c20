namespace IceFarm.Client.Tests;

/// <summary>Every await in these tests has a deadline, so a hang fails the test instead of the run.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    public static Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Short);

    public static Task Within(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Short);

    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> items, TimeSpan? timeout = null, Action<T>? onEach = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Long);
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(deadline.Token))
        {
            list.Add(item);
            onEach?.Invoke(item);
        }

        return list;
    }
}
