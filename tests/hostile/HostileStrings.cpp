#include "tests/hostile/HostileStrings.h"

#include "core/domain/Validation.h"

#include <QRandomGenerator>
#include <QSet>

namespace {

QStringList atoms()
{
    QStringList list{
        QStringLiteral("'"),
        QStringLiteral("\""),
        QStringLiteral("`"),
        QStringLiteral("\\"),
        QStringLiteral(";"),
        QStringLiteral("''"),
        QStringLiteral("\\'"),
        QStringLiteral("'; DROP TABLE \"UserXP\"; --"),
        QStringLiteral("\" OR 1=1 --"),
        QStringLiteral("') OR ('1'='1"),
        QStringLiteral("1; DELETE FROM \"User\""),
        QStringLiteral("$1"),
        QStringLiteral(":id"),
        QStringLiteral("?"),
        QStringLiteral("/* comment */"),
        QStringLiteral("E'\\x00'"),
        QStringLiteral("%"),
        QStringLiteral("_"),
        QStringLiteral("%_%"),
        QStringLiteral("\\%"),
        QStringLiteral("[a-z]*"),
        QStringLiteral("=1+1"),
        QStringLiteral("+SUM(A1:A9)"),
        QStringLiteral("-2+3"),
        QStringLiteral("@cmd"),
        QStringLiteral("=HYPERLINK(\"http://x\")"),
        QStringLiteral("-40"),
        QStringLiteral("1e10"),
        QStringLiteral("0x1F"),
        QStringLiteral("007"),
        QStringLiteral("NaN"),
        QStringLiteral("NULL"),
        QStringLiteral("null"),
        QStringLiteral("true"),
        QStringLiteral("\t"),
        QStringLiteral("\r"),
        QStringLiteral("\n"),
        QStringLiteral("\r\n"),
        QStringLiteral(" "),
        QStringLiteral("\u00A0"), // no-break space
        QStringLiteral("\u2028"), // line separator
        QStringLiteral("\u200F"), // right-to-left mark
        QStringLiteral("\u202E"), // right-to-left override
        QStringLiteral("\u200B"), // zero-width space
        QStringLiteral("\uFEFF"), // byte order mark
        QStringLiteral("\uFFFD"),
        QStringLiteral("\uFFFF"), // a noncharacter, still valid Unicode
        QStringLiteral("\u0645\u0631\u062D\u0628\u0627"), // Arabic
        QStringLiteral("\u05E9\u05DC\u05D5\u05DD"), // Hebrew
        QStringLiteral("\u4E2D\u6587"),
        QStringLiteral("\U0001F600"), // emoji, a surrogate pair
        QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467"), // a family: emoji joined by ZWJ
        QStringLiteral("\U0001F1E9\U0001F1EA"), // a flag
        QStringLiteral("e\u0301"), // combining acute
        QStringLiteral("Z\u0351\u0358\u0362\u0334"), // stacked combining marks
        QStringLiteral("\u00C5ngstr\u00F6m"),
        QStringLiteral("<script>alert(1)</script>"),
        QStringLiteral("$(rm -rf /)"),
        QStringLiteral("%s%n%x"),
        QStringLiteral("{{x}}"),
        QStringLiteral("a@b"),
        QStringLiteral(","),
        QStringLiteral("\"\""),
        QStringLiteral("x"),
    };
    list << QString(QChar(0)) // NUL
         << QString(QChar(0xD800)) // a lone high surrogate
         << QString(QChar(0xDC00)) // a lone low surrogate
         << QString::fromUtf8("\xC3\x28") // invalid UTF-8 read as text: U+FFFD
         << QString::fromUtf8("\xED\xA0\x80") // an encoded surrogate
         << QString::fromLatin1("\xFF\xFE") // bytes taken as Latin-1
         << QString(QChar(0x7F)) << QString(QChar(0x1B)) << QString(QChar(0x01));
    return list;
}

// Strings of exactly length UTF-16 units, of one repeated text (cut to length).
QString ofLength(const QString &unit, int length)
{
    QString text;
    while (text.size() < length)
        text += unit;
    text.truncate(length);
    return text;
}

} // namespace

QStringList HostileStrings::specials()
{
    QStringList list = atoms();
    list << QString() << QStringLiteral("   ") << QStringLiteral("\t\r\n") << QStringLiteral("  leading")
         << QStringLiteral("trailing  ") << QStringLiteral("\ttabbed\t")
         << QStringLiteral("a\0b") // a literal backslash-zero stays two characters
         << (QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << (QStringLiteral("end") + QChar(0));
    // At and just past every limit, with one-unit and two-unit (emoji) characters: a limit
    // counts UTF-16 units.
    for (const int limit : {Validation::MaxIdLength, Validation::MaxNameLength, Validation::MaxEmailLength,
                            Validation::MaxDescriptionLength}) {
        for (const QString &unit :
             {QStringLiteral("x"), QStringLiteral("'\\"), QStringLiteral("\u05E9"), QStringLiteral("\U0001F600")}) {
            list << ofLength(unit, limit - 1) << ofLength(unit, limit) << ofLength(unit, limit + 1);
        }
    }
    list << ofLength(QStringLiteral("\U0001F600"), Validation::MaxIdLength + 1).chopped(1) // ends in a lone half
         << ofLength(QStringLiteral("'; --"), 100000);
    return list;
}

QStringList HostileStrings::generate(int count, quint32 seed)
{
    QStringList list;
    QSet<QString> seen;
    const auto add = [&](const QString &text) {
        if (!seen.contains(text)) {
            seen.insert(text);
            list << text;
        }
    };
    for (const QString &text : specials())
        add(text);
    const QStringList parts = atoms();
    QRandomGenerator random(seed);
    while (list.size() < count) {
        QString text;
        const int pieces = 1 + random.bounded(6);
        for (int i = 0; i < pieces; ++i) {
            if (random.bounded(3) == 0)
                text += QString::number(random.bounded(1000));
            else
                text += parts.at(random.bounded(parts.size()));
        }
        // Now and then long, near the description limit.
        if (random.bounded(50) == 0)
            text = ofLength(text, Validation::MaxDescriptionLength - 5 + random.bounded(10));
        add(text);
    }
    list.resize(count);
    return list;
}
