#pragma once

#include <QByteArrayView>
#include <QVariant>

struct sqlite3_stmt;
struct pg_result;

// One row of a statement as the driver holds it, for Database::scan: values read straight from
// SQLite's statement or from libpq's result, without a QVariant or a QString a value. Valid only
// during the call that hands it over.
class RowView final
{
public:
    RowView(sqlite3_stmt *statement) : m_statement(statement) { }
    RowView(pg_result *result, int row) : m_result(result), m_row(row) { }

    // The value as UTF-8 text, as the database holds it (PostgreSQL: its text form); empty for NULL.
    QByteArrayView text(int column) const;
    // The same text as a QString (null for NULL).
    QString string(int column) const;
    qint64 integer(int column) const;
    bool isNull(int column) const;
    // The value as SqlRows::value() gives it, for the rare value the caller cannot read from text.
    QVariant value(int column) const;

private:
    sqlite3_stmt *m_statement = nullptr;
    pg_result *m_result = nullptr;
    int m_row = 0;
};
