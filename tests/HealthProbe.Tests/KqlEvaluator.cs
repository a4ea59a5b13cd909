using System.Globalization;
using System.Text;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Runs a KQL query's text over rows in memory, so the deployed alert and workbook queries can be evaluated offline
/// against telemetry the real host sent (no Kusto engine exists outside Azure, and none is on the package feeds this
/// project may use). It understands the subset the generated queries use, with KQL's semantics for it:
/// <c>where</c>, <c>extend</c>, <c>summarize … by</c> (<c>count()</c>, <c>countif()</c>), <c>project</c>,
/// <c>order by</c>, <c>take</c>; <c>and</c>/<c>or</c>, comparisons, <c>in (…)</c>, arithmetic (long / long is integer
/// division), <c>ago()</c> against a given now, <c>tostring()</c> (a bool reads <c>true</c>/<c>false</c>),
/// <c>todouble()</c>, <c>round()</c>, <c>iff()</c>, <c>case()</c>, <c>not()</c>, <c>datetime()</c> literals, and <c>customDimensions.key</c>.
/// Anything else is an error naming what it met, never a silent guess: a query that leaves this subset fails its test
/// until the evaluator learns the construct.
/// </summary>
internal sealed class KqlEvaluator(DateTimeOffset now)
{
    public List<Dictionary<string, object?>> Run(string query, IReadOnlyDictionary<string, IReadOnlyList<Dictionary<string, object?>>> tables)
    {
        var tokens = Tokenize(query);
        var p = new Parser(tokens);
        var table = p.Identifier();
        var rows = tables.TryGetValue(table, out var source) ? source.Select(r => new Dictionary<string, object?>(r)).ToList()
            : throw new NotSupportedException($"no table '{table}'");
        while (p.Accept("|"))
        {
            var op = p.Identifier();
            rows = op switch
            {
                "where" => Where(p, rows),
                "extend" => Extend(p, rows),
                "project" => Project(p, rows),
                "summarize" => Summarize(p, rows),
                "order" or "sort" => Order(p, rows),
                "take" or "limit" => [.. rows.Take((int)Convert.ToInt64(p.Expression()(Empty, this), CultureInfo.InvariantCulture))],
                _ => throw new NotSupportedException($"tabular operator '{op}'"),
            };
        }
        return p.AtEnd ? rows : throw new NotSupportedException($"unexpected '{p.Peek}' after the query");
    }

    private static readonly Dictionary<string, object?> Empty = [];

    private List<Dictionary<string, object?>> Where(Parser p, List<Dictionary<string, object?>> rows)
    {
        var predicate = p.Expression();
        return [.. rows.Where(r => predicate(r, this) is true)];
    }

    private List<Dictionary<string, object?>> Extend(Parser p, List<Dictionary<string, object?>> rows)
    {
        var columns = p.Assignments();
        foreach (var row in rows)
        {
            foreach (var (name, value) in columns)
            {
                row[name] = value(row, this);
            }
        }
        return rows;
    }

    private List<Dictionary<string, object?>> Project(Parser p, List<Dictionary<string, object?>> rows)
    {
        var columns = p.Assignments();
        return [.. rows.Select(row => columns.ToDictionary(c => c.Name, c => c.Value(row, this)))];
    }

    private List<Dictionary<string, object?>> Summarize(Parser p, List<Dictionary<string, object?>> rows)
    {
        var aggregates = new List<(string Name, string Function, Func<Dictionary<string, object?>, KqlEvaluator, object?>? Argument)>();
        do
        {
            var name = p.Identifier();
            p.Expect("=");
            var function = p.Identifier();
            p.Expect("(");
            var argument = p.Accept(")") ? null : p.Expression();
            if (argument is not null)
            {
                p.Expect(")");
            }
            aggregates.Add((name, function, argument));
        }
        while (p.Accept(","));
        var keys = new List<string>();
        if (p.AcceptWord("by"))
        {
            do
            {
                keys.Add(p.Identifier());
            }
            while (p.Accept(","));
        }
        var groups = keys.Count == 0
            ? [rows]
            : rows.GroupBy(r => string.Join("\u0001", keys.Select(k => Convert.ToString(r.GetValueOrDefault(k), CultureInfo.InvariantCulture))), StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        return [.. groups.Where(g => keys.Count == 0 || g.Count > 0).Select(group =>
        {
            var result = keys.ToDictionary(k => k, k => group[0].GetValueOrDefault(k));
            foreach (var (name, function, argument) in aggregates)
            {
                result[name] = function switch
                {
                    "count" => (long)group.Count,
                    "countif" => (long)group.Count(r => argument!(r, this) is true),
                    _ => throw new NotSupportedException($"aggregate '{function}'"),
                };
            }
            return result;
        })];
    }

    private static List<Dictionary<string, object?>> Order(Parser p, List<Dictionary<string, object?>> rows)
    {
        p.ExpectWord("by");
        var orders = new List<(string Column, bool Descending)>();
        do
        {
            var column = p.Identifier();
            // KQL sorts descending unless told otherwise.
            var ascending = p.AcceptWord("asc");
            if (!ascending)
            {
                p.AcceptWord("desc");
            }
            orders.Add((column, !ascending));
        }
        while (p.Accept(","));
        IOrderedEnumerable<Dictionary<string, object?>>? sorted = null;
        foreach (var (column, descending) in orders)
        {
            Func<Dictionary<string, object?>, object?> key = r => r.GetValueOrDefault(column);
            sorted = sorted is null
                ? descending ? rows.OrderByDescending(key, ValueComparer.Instance) : rows.OrderBy(key, ValueComparer.Instance)
                : descending ? sorted.ThenByDescending(key, ValueComparer.Instance) : sorted.ThenBy(key, ValueComparer.Instance);
        }
        return [.. sorted ?? (IEnumerable<Dictionary<string, object?>>)rows];
    }

    internal object? Call(string function, IReadOnlyList<object?> args) => function switch
    {
        "ago" => now - (TimeSpan)args[0]!,
        "tostring" => args[0] switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var o => o.ToString(),
        },
        "todouble" => args[0] is null ? null : Convert.ToDouble(args[0], CultureInfo.InvariantCulture),
        "round" => args[0] is null ? null : Math.Round(Convert.ToDouble(args[0], CultureInfo.InvariantCulture), args.Count > 1 ? (int)Convert.ToInt64(args[1], CultureInfo.InvariantCulture) : 0, MidpointRounding.AwayFromZero),
        "iff" or "iif" => args[0] is true ? args[1] : args[2],
        "case" => Case(args),
        "not" => args[0] is not true,
        _ => throw new NotSupportedException($"function '{function}'"),
    };

    private static object? Case(IReadOnlyList<object?> args)
    {
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (args[i] is true)
            {
                return args[i + 1];
            }
        }
        return args[^1];
    }

    internal static object? Binary(string op, object? left, object? right) => op switch
    {
        "and" => left is true && right is true,
        "or" => left is true || right is true,
        "==" => Compare(left, right) == 0,
        "!=" => Compare(left, right) != 0,
        "<" => Compare(left, right) < 0,
        ">" => Compare(left, right) > 0,
        "<=" => Compare(left, right) <= 0,
        ">=" => Compare(left, right) >= 0,
        "+" or "-" or "*" or "/" => Arithmetic(op, left, right),
        _ => throw new NotSupportedException($"operator '{op}'"),
    };

    private static object? Arithmetic(string op, object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }
        if (left is long a && right is long b)
        {
            return op switch { "+" => a + b, "-" => a - b, "*" => a * b, _ => b == 0 ? null : a / b };
        }
        var (x, y) = (Convert.ToDouble(left, CultureInfo.InvariantCulture), Convert.ToDouble(right, CultureInfo.InvariantCulture));
        return op switch { "+" => x + y, "-" => x - y, "*" => x * y, _ => x / y };
    }

    private static int Compare(object? left, object? right) => ValueComparer.Instance.Compare(left, right);

    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            (bool a, bool b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
            (TimeSpan a, TimeSpan b) => a.CompareTo(b),
            (long or double, long or double) => Convert.ToDouble(x, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"comparing {x.GetType().Name} with {y.GetType().Name}"),
        };
    }

    private static List<string> Tokenize(string query)
    {
        var tokens = new List<string>();
        for (var i = 0; i < query.Length;)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = query.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException("unterminated string");
                }
                tokens.Add(query[i..(end + 1)]);
                i = end + 1;
            }
            else if (query.AsSpan(i).StartsWith("datetime(", StringComparison.Ordinal))
            {
                // A datetime literal holds '-' and ':', which no other token may: read it whole, marked with '@'.
                var end = query.IndexOf(')', i);
                tokens.Add("@" + query[(i + "datetime(".Length)..end].Trim());
                i = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] == '_' || (char.IsDigit(query[start]) && query[i] == '.')))
                {
                    i++;
                }
                tokens.Add(query[start..i]);
            }
            else
            {
                var two = i + 1 < query.Length ? query.Substring(i, 2) : "";
                var token = two is "==" or "!=" or "<=" or ">=" ? two : c.ToString();
                tokens.Add(token);
                i += token.Length;
            }
        }
        return tokens;
    }

    /// <summary>Recursive descent over the tokens; expressions compile to closures over a row.</summary>
    private sealed class Parser(List<string> tokens)
    {
        private int position;

        public bool AtEnd => position >= tokens.Count;

        public string Peek => AtEnd ? "<end>" : tokens[position];

        public bool Accept(string token)
        {
            if (!AtEnd && tokens[position] == token)
            {
                position++;
                return true;
            }
            return false;
        }

        public bool AcceptWord(string word) => Accept(word);

        public void Expect(string token)
        {
            if (!Accept(token))
            {
                throw new FormatException($"expected '{token}' but found '{Peek}' at token {position}");
            }
        }

        public void ExpectWord(string word) => Expect(word);

        public string Identifier()
        {
            var token = Peek;
            if (AtEnd || !(char.IsLetter(token[0]) || token[0] == '_'))
            {
                throw new FormatException($"expected a name but found '{token}' at token {position}");
            }
            position++;
            return token;
        }

        public List<(string Name, Func<Dictionary<string, object?>, KqlEvaluator, object?> Value)> Assignments()
        {
            var columns = new List<(string, Func<Dictionary<string, object?>, KqlEvaluator, object?>)>();
            do
            {
                if (position + 1 < tokens.Count && tokens[position + 1] == "=")
                {
                    var name = Identifier();
                    Expect("=");
                    columns.Add((name, Expression()));
                }
                else
                {
                    var name = Identifier();
                    columns.Add((name, (row, _) => row.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no column '{name}'")));
                }
            }
            while (Accept(","));
            return columns;
        }

        public Func<Dictionary<string, object?>, KqlEvaluator, object?> Expression() => Or();

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> Or() => Left(And, "or");

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> And() => Left(Comparison, "and");

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> Left(Func<Func<Dictionary<string, object?>, KqlEvaluator, object?>> operand, params string[] ops)
        {
            var left = operand();
            while (ops.FirstOrDefault(Accept) is { } op)
            {
                var (l, r) = (left, operand());
                left = (row, e) => Binary(op, l(row, e), r(row, e));
            }
            return left;
        }

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> Comparison()
        {
            var left = Additive();
            if (Accept("in"))
            {
                var items = List();
                return (row, e) => { var v = left(row, e); return items.Any(i => Binary("==", v, i(row, e)) is true); };
            }
            if (Peek == "!" && position + 1 < tokens.Count && tokens[position + 1] == "in")
            {
                position += 2;
                var items = List();
                return (row, e) => { var v = left(row, e); return items.All(i => Binary("==", v, i(row, e)) is not true); };
            }
            if (new[] { "==", "!=", "<=", ">=", "<", ">" }.FirstOrDefault(Accept) is { } op)
            {
                var right = Additive();
                return (row, e) => Binary(op, left(row, e), right(row, e));
            }
            return left;
        }

        private List<Func<Dictionary<string, object?>, KqlEvaluator, object?>> List()
        {
            Expect("(");
            var items = new List<Func<Dictionary<string, object?>, KqlEvaluator, object?>>();
            do
            {
                items.Add(Expression());
            }
            while (Accept(","));
            Expect(")");
            return items;
        }

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> Additive() => Left(Multiplicative, "+", "-");

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> Multiplicative() => Left(Primary, "*", "/");

        private Func<Dictionary<string, object?>, KqlEvaluator, object?> Primary()
        {
            if (Accept("("))
            {
                var inner = Expression();
                Expect(")");
                return inner;
            }
            var token = Peek;
            if (AtEnd)
            {
                throw new FormatException("the query ends inside an expression");
            }
            position++;
            if (token[0] is '\'' or '"')
            {
                var text = token[1..^1];
                return (_, _) => text;
            }
            if (token[0] == '@')
            {
                var time = DateTimeOffset.Parse(token[1..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return (_, _) => time;
            }
            if (char.IsDigit(token[0]))
            {
                var literal = Number(token);
                return (_, _) => literal;
            }
            if (token is "true" or "false")
            {
                var value = token == "true";
                return (_, _) => value;
            }
            if (Accept("("))
            {
                var args = new List<Func<Dictionary<string, object?>, KqlEvaluator, object?>>();
                if (!Accept(")"))
                {
                    do
                    {
                        args.Add(Expression());
                    }
                    while (Accept(","));
                    Expect(")");
                }
                return (row, e) => e.Call(token, [.. args.Select(a => a(row, e))]);
            }
            if (Accept("."))
            {
                var member = Identifier();
                return (row, _) => row.TryGetValue(token, out var bag) && bag is IReadOnlyDictionary<string, string> d ? d.GetValueOrDefault(member) : null;
            }
            return (row, _) => row.TryGetValue(token, out var v) ? v : throw new KeyNotFoundException($"no column '{token}' (columns: {string.Join(", ", row.Keys)})");
        }

        /// <summary>42 (long), 14.4 (real), or a timespan: 5m, 1h, 30s, 1d.</summary>
        private static object Number(string token)
        {
            var unit = token.TrimStart("0123456789.".ToCharArray());
            var digits = token[..^unit.Length];
            var number = double.Parse(digits, CultureInfo.InvariantCulture);
            return unit switch
            {
                "" => digits.Contains('.', StringComparison.Ordinal) ? number : (object)long.Parse(digits, CultureInfo.InvariantCulture),
                "d" => TimeSpan.FromDays(number),
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => throw new FormatException($"literal '{token}'"),
            };
        }
    }

    /// <summary>For a failure message: the rows as lines.</summary>
    public static string Describe(IEnumerable<Dictionary<string, object?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(", ", row.Select(c => $"{c.Key}={Convert.ToString(c.Value, CultureInfo.InvariantCulture)}")));
        }
        return text.ToString();
    }
}
