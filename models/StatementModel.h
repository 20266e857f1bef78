#pragma once

#include "core/statement/Statement.h"

#include <QAbstractTableModel>

// A statement's changes, one row each in time order, with the balance after each: what happened
// (awarded, rolled back, ...), the transaction, the change, the balance, who and why. Removed
// transactions read struck through in a muted red; ones removed later in the period struck
// through with a note.
class StatementModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Date, What, Transaction, Kind, Change, Balance, By, Reason, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1; // sortable value of the cell

    explicit StatementModel(QObject *parent = nullptr);

    void setStatement(const Statement &statement);
    const Statement &statement() const { return m_statement; }
    const StatementEntry &entry(int row) const { return m_statement.entries.at(row); }

    // "Awarded", "Rolled back", "Earned in the app", ...
    static QString what(const StatementEntry &entry);
    // "Streak bonus · Problem attempt"
    static QString kind(const XpTransaction &row);
    // Who changed the balance: the person, or the web app.
    static QString byWhom(const StatementEntry &entry);
    // Why, unless it only repeats an award's description.
    static QString reason(const StatementEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const StatementEntry &entry, int column) const;
    QVariant raw(const StatementEntry &entry, int column) const;
    QString toolTip(const StatementEntry &entry) const;

    Statement m_statement;
};
