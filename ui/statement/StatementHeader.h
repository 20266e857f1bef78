#pragma once

#include <QWidget>

class InlineMessage;
class QLabel;
struct Statement;

// The top of a statement: whose it is (name and email; the id only in a tooltip), the period,
// the opening and closing balances, whether the closing balance equals the cached total, from
// when the audit log proves the figures, and the times the cached total drifted and was set
// right.
class StatementHeader final : public QWidget
{
    Q_OBJECT

public:
    explicit StatementHeader(QWidget *parent = nullptr);

    void setStatement(const Statement &statement);

    QLabel *titleLabel() const { return m_title; }
    QLabel *periodLabel() const { return m_period; }
    QLabel *openingLabel() const { return m_opening; }
    QLabel *closingLabel() const { return m_closing; }
    QLabel *exactnessLabel() const { return m_exactness; }
    QLabel *driftLabel() const { return m_drift; }
    InlineMessage *reconciliation() const { return m_reconciliation; }

    // "Period: 11/6/2026 to now (12/5/2026 3:59:15 PM)"
    static QString periodText(const Statement &statement);
    static QString exactnessText(const Statement &statement);
    static QString driftText(const Statement &statement);

private:
    QLabel *m_title;
    QLabel *m_period;
    QLabel *m_opening;
    QLabel *m_closing;
    InlineMessage *m_reconciliation;
    QLabel *m_exactness;
    QLabel *m_drift;
};
