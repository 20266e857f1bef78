#pragma once

#include <QStyledItemDelegate>

#include <optional>

// Draws the audit table as an auditor reads it: numbers and ids in a fixed-width font so they
// line up and can be compared at a glance, amounts coloured by sign, removals marked.
class AuditItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The fixed-width font used for ids, hashes and numbers, at the size of base.
    static QFont monospaceFont(const QFont &base);

    // Marks the row of the event a verification found broken (none: no mark).
    void setBrokenSeq(std::optional<qint64> seq) { m_brokenSeq = seq; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    std::optional<qint64> m_brokenSeq;
};
