#pragma once

#include <QString>
#include <QStringList>

// Strings that have broken other programs' SQL, CSV, encodings and spreadsheets: quotes,
// backslashes, SQL fragments, NUL, lone surrogates, invalid UTF-8 decoded as text, strings
// exactly at and just past the field limits, right-to-left text, emoji, combining marks,
// blanks, control characters, LIKE wildcards, numbers and formulas. Deterministic.
class HostileStrings final
{
public:
    // The hand-picked cases, each on its own (a few hundred), then random mixtures of them
    // up to count, all different.
    static QStringList generate(int count, quint32 seed = 20261125);
    // Only the hand-picked cases.
    static QStringList specials();
};
