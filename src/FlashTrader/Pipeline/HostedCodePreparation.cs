using System.Reflection;
using System.Runtime.CompilerServices;
using FlashTrader.Storage.State;

namespace FlashTrader.Pipeline;

/// <summary>
/// Compiles the hosted services' code (the pipeline services, their batches and channels, the dashboard taps they
/// feed, the journal and fills.csv writers behind the exchange stage) before the run starts. <see cref="PipelineWarmUp"/> drives the core stage classes only; with tiered compilation
/// off, the services' order path (an order's batch from its pool, the risk gate's handler, the dashboard's decision
/// ring) was otherwise compiled by the first real order, which then took ~2.4 ms instead of ~0.1 at <c>--speed 1</c>.
/// Closed generic types are reached through the fields and base types of the services that use them.
/// </summary>
public static class HostedCodePreparation
{
    private static readonly (Assembly Assembly, string Namespace)[] Areas =
    [
        (typeof(HostedCodePreparation).Assembly, "FlashTrader.Pipeline"),
        (typeof(HostedCodePreparation).Assembly, "FlashTrader.Dashboard.Taps"),
        (typeof(HostedCodePreparation).Assembly, "FlashTrader.Reporting"),
        (typeof(PaperStateStore).Assembly, "FlashTrader.Storage.State"),
    ];

    /// <summary>Compiles every method it can reach; returns how many were prepared.</summary>
    public static int Run()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>();
        foreach ((Assembly assembly, string ns) in Areas)
        {
            foreach (Type type in assembly.GetTypes())
            {
                if (!type.ContainsGenericParameters && type.Namespace == ns && seen.Add(type))
                {
                    pending.Enqueue(type);
                }
            }
        }

        int prepared = 0;
        while (pending.TryDequeue(out Type? type))
        {
            prepared += PrepareMethodsOf(type);
            foreach (Type used in ClosedGenericsUsedBy(type))
            {
                if (seen.Add(used))
                {
                    pending.Enqueue(used);
                }
            }
        }

        return prepared;
    }

    private static int PrepareMethodsOf(Type type)
    {
        const BindingFlags declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        RuntimeTypeHandle[]? instantiation = type.IsGenericType ? Array.ConvertAll(type.GetGenericArguments(), a => a.TypeHandle) : null;
        int prepared = 0;
        foreach (MethodBase method in type.GetMethods(declared).Cast<MethodBase>().Concat(type.GetConstructors(declared)))
        {
            if (method.IsAbstract || method.ContainsGenericParameters && !type.IsGenericType || method.IsGenericMethodDefinition)
            {
                continue;
            }

            try
            {
                RuntimeHelpers.PrepareMethod(method.MethodHandle, instantiation);
                prepared++;
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or TypeLoadException)
            {
                // Some shapes (e.g. methods needing a runtime-only instantiation) cannot be prepared ahead: they are
                // compiled on first use as before.
            }
        }

        return prepared;
    }

    // The closed generic types (pools, batches, rings, channel writers) that a prepared type holds or derives from and
    // that live in this assembly: their methods run on the same path.
    private static IEnumerable<Type> ClosedGenericsUsedBy(Type type)
    {
        const BindingFlags fields = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        IEnumerable<Type> candidates = type.GetFields(fields).Select(f => f.FieldType);
        for (Type? b = type.BaseType; b is not null; b = b.BaseType)
        {
            candidates = candidates.Append(b);
        }

        return candidates.Where(t => t.IsConstructedGenericType && !t.ContainsGenericParameters && Array.Exists(Areas, a => a.Assembly == t.Assembly));
    }
}
