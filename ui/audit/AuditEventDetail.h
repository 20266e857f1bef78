#pragma once

#include "core/audit/AuditEvent.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSplitter;
class QStackedWidget;

// Every field of one audit event: who, when, what, the hashes that chain it, and the snapshot
// of the affected row(s) as indented JSON. Everything can be selected and copied.
class AuditEventDetail final : public QWidget
{
    Q_OBJECT

public:
    explicit AuditEventDetail(QWidget *parent = nullptr);

    // Shows one event; selectedCount > 1 notes that more rows are selected.
    void setEvent(const AuditEvent &event, int selectedCount = 1);
    // Shows the hint to select an event.
    void clear();

    // The snapshot as shown (indented JSON, or the raw text when it is not JSON).
    QString snapshotText() const;
    // The seq shown, or 0.
    qint64 shownSeq() const { return m_seq; }

    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // The snapshot as indented JSON, or the text itself when it does not parse.
    static QString prettySnapshot(const QString &snapshot);

private:
    QStackedWidget *m_stack;
    QSplitter *m_splitter;
    QWidget *m_fields;
    QLabel *m_title;
    QLabel *m_seqValue;
    QLabel *m_when;
    QLabel *m_whenUtc;
    QLabel *m_actor;
    QLabel *m_operator;
    QLabel *m_action;
    QLabel *m_operation;
    QLabel *m_user;
    QLabel *m_transaction;
    QLabel *m_amount;
    QLabel *m_reason;
    QLabel *m_prevHash;
    QLabel *m_hash;
    QPlainTextEdit *m_snapshot;
    qint64 m_seq = 0;
};
