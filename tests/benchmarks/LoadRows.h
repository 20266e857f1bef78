#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <array>
#include <vector>

// The transactions figure 1 loads (and figure 13 rolls back and restores), made or read before the
// clock starts and handed to each side in its own form: QStrings in a QVariantList for XP Admin's
// BulkInsert, UTF-8 bytes for the C APIs.
class LoadRows final
{
public:
    // The text columns in order; "amount" (an integer) comes third in the table.
    enum Text { Id, UserId, SourceType, SourceId, Description, Category, CreatedAt, TextCount };

    // count rows spread over userIds, like demo data; source ids start with "bench-load-".
    static LoadRows generate(const QStringList &userIds, int count, quint32 seed);
    // One more row: its text columns (createdAt as the database keeps it) and its amount.
    void append(std::array<QString, TextCount> text, qint32 amount);

    int size() const { return static_cast<int>(m_amounts.size()); }
    // One row in XP Admin's form, in TransactionRows::columnNames() order ("updatedAt" the same
    // value as "createdAt").
    QVariantList values(int row) const;
    const QByteArray &utf8(int row, Text column) const { return m_utf8.at(row).at(column); }
    qint32 amount(int row) const { return m_amounts.at(row); }

private:
    std::vector<std::array<QString, TextCount>> m_text;
    std::vector<std::array<QByteArray, TextCount>> m_utf8;
    std::vector<qint32> m_amounts;
};
