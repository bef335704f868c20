using System.Collections.Concurrent;
using IceFarm.Contracts.Evaluations;
using MassTransit;

namespace IceFarm.WorkerAgent.Startup;

/// <summary>
/// Lets an <see cref="EvaluateBitstream"/> be acknowledged only once its result or failure has reached the broker: a
/// worker killed in between leaves the command in its queue, and the next process runs it again instead of losing it.
/// </summary>
internal sealed class EvaluationDeliveries : IPublishObserver
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _pending = new();

    /// <summary>Completes when the outcome of <paramref name="evaluationId"/> has been published.</summary>
    public Task Track(Guid evaluationId) =>
        _pending.GetOrAdd(evaluationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Stops waiting for an evaluation whose command ends some other way.</summary>
    public void Forget(Guid evaluationId) => _pending.TryRemove(evaluationId, out _);

    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        var id = context.Message switch
        {
            EvaluationCompleted completed => completed.EvaluationId,
            EvaluationFailed failed => failed.EvaluationId,
            _ => (Guid?)null,
        };
        if (id is { } evaluationId && _pending.TryRemove(evaluationId, out var delivered))
        {
            delivered.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
