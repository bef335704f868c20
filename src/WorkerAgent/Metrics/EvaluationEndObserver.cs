using IceFarm.Contracts.Evaluations;
using MassTransit;

namespace IceFarm.WorkerAgent.Metrics;

/// <summary>Ends an evaluation's in-flight time when its result or failure has been published.</summary>
internal sealed class EvaluationEndObserver(WorkerMetrics metrics) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        switch (context.Message)
        {
            case EvaluationCompleted completed:
                metrics.EvaluationEnded(completed.EvaluationId, "result");
                break;
            case EvaluationFailed failed:
                metrics.EvaluationEnded(failed.EvaluationId, failed.Category.ToString().ToLowerInvariant());
                break;
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
