using System.Collections;
using System.Reflection;
using IceFarm.Contracts.Http;

namespace IceFarm.Client.Tests;

/// <summary>
/// An instance of any contract record with a distinct, non-default value in every field (nested records and lists
/// included), so that a field one side drops or names differently shows in a round trip.
/// </summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset When = new(2031, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    public static object Of(Type type) => Value(type, type.Name, 0);

    private static object Value(Type type, string name, int depth)
    {
        var seed = Math.Abs(StringComparer.Ordinal.GetHashCode(name) % 1000) + 1;
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Value(inner, name, depth);
        }

        if (type == typeof(string))
        {
            return $"{name}-{seed}";
        }

        if (type == typeof(Guid))
        {
            return new Guid(seed, 1, 2, [3, 4, 5, 6, 7, 8, 9, (byte)(seed % 256)]);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return Convert.ChangeType(seed, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(double))
        {
            return seed + 0.25;
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return When.AddSeconds(seed);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        }

        if (type == typeof(object))
        {
            // The one untyped field, a result's value: the richer of its two shapes.
            return new VarianceValue(seed + 0.5, [seed, seed + 1]);
        }

        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(Value(type.GetElementType()!, name + "[0]", depth + 1), 0);
            return array;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var arguments = type.GetGenericArguments();
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
            dictionary.Add(Value(arguments[0], name + ".key", depth + 1), Value(arguments[1], name + ".value", depth + 1));
            return dictionary;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return Value(type.GetGenericArguments()[0].MakeArrayType(), name, depth);
        }

        if (type.Namespace?.StartsWith("IceFarm.", StringComparison.Ordinal) == true && depth < 4)
        {
            return Record(type, depth);
        }

        throw new NotSupportedException($"No sample for {type} ({name}); teach ContractSamples this type.");
    }

    private static object Record(Type type, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var record = constructor.Invoke([.. constructor.GetParameters().Select(p => Value(p.ParameterType, $"{type.Name}.{p.Name}", depth + 1))]);
        var parameters = constructor.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Init-only fields outside the constructor (DeviceInfo.Hold, WorkerInfo.Maintenance).
            if (property.CanWrite && !parameters.Contains(property.Name))
            {
                property.SetValue(record, Value(property.PropertyType, $"{type.Name}.{property.Name}", depth + 1));
            }
        }

        return record;
    }
}
