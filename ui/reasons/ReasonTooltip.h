#pragma once

#include "core/domain/ReasonCatalog.h"
#include "core/reasons/ReasonTag.h"

#include <QHash>
#include <QObject>
#include <QPoint>

class LedgerSession;
class QAbstractItemView;

// The history's tooltip of a manual change names its reason code by its label and its ticket
// (the cell's own tooltip first). Read from the database once a transaction, the first time a
// tooltip of it is asked for; the detail (the audit event, Enter or double-click) links the ticket.
class ReasonTooltip final : public QObject
{
    Q_OBJECT

public:
    // Watches view's viewport; view's model gives HistoryModel::TransactionRole.
    ReasonTooltip(LedgerSession *session, QAbstractItemView *view);

    // "Reason code: Bug compensation (BUG_COMP)\nTicket: ZD-4411 (https://…)"; empty for none.
    static QString text(const ReasonTag &tag, const ReasonCatalog &catalog);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void load(const QString &xpId);

    LedgerSession *m_session;
    QAbstractItemView *m_view;
    QHash<QString, QString> m_texts; // by transaction id, as read
    QString m_loading;
};
