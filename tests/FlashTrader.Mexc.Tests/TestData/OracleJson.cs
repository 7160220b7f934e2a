using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>Compares our JSON view with a message parsed by Google.Protobuf, field by field, through its descriptors.</summary>
public static class OracleJson
{
    public static void AssertSame(JsonElement json, IMessage oracle, string path = "$")
    {
        Check(json.ValueKind == JsonValueKind.Object, path, "not an object");
        var expectedNames = new HashSet<string>();
        foreach (FieldDescriptor field in oracle.Descriptor.Fields.InDeclarationOrder())
        {
            object value = field.Accessor.GetValue(oracle);
            string at = $"{path}.{field.Name}";
            if (field.IsRepeated)
            {
                var list = ((System.Collections.IList)value).Cast<IMessage>().ToList();
                if (list.Count == 0)
                {
                    continue;
                }

                expectedNames.Add(field.Name);
                JsonElement array = json.GetProperty(field.Name);
                Check(array.GetArrayLength() == list.Count, at, $"{array.GetArrayLength()} items, oracle has {list.Count}");
                for (int i = 0; i < list.Count; i++)
                {
                    AssertSame(array[i], list[i], $"{at}[{i}]");
                }

                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                if (value is null)
                {
                    continue;
                }

                expectedNames.Add(field.Name);
                AssertSame(json.GetProperty(field.Name), (IMessage)value, at);
                continue;
            }

            // proto3 writes no default scalar: present on the wire exactly when not default.
            bool isDefault = value switch
            {
                string s => s.Length == 0,
                long l => l == 0,
                int i => i == 0,
                bool b => !b,
                _ => throw new InvalidOperationException($"{at}: unexpected {value.GetType()}"),
            };
            if (isDefault)
            {
                continue;
            }

            expectedNames.Add(field.Name);
            JsonElement element = json.GetProperty(field.Name);
            switch (value)
            {
                case string s: Check(element.GetString() == s, at, $"'{element.GetString()}' but oracle has '{s}'"); break;
                case long l: Check(element.GetInt64() == l, at, $"{element.GetInt64()} but oracle has {l}"); break;
                case int i: Check(element.GetInt32() == i, at, $"{element.GetInt32()} but oracle has {i}"); break;
                case bool b: Check(element.GetBoolean() == b, at, $"{element.GetBoolean()} but oracle has {b}"); break;
            }
        }

        var actualNames = json.EnumerateObject().Select(p => p.Name).ToList();
        Check(actualNames.Count == expectedNames.Count && expectedNames.SetEquals(actualNames), path, $"fields [{string.Join(",", actualNames)}], oracle has [{string.Join(",", expectedNames)}]");
    }

    // Plain checks: FluentAssertions per field would dominate the run time over thousands of frames.
    private static void Check(bool condition, string path, string message)
    {
        if (!condition)
        {
            throw new Xunit.Sdk.XunitException($"{path}: {message}");
        }
    }
}
