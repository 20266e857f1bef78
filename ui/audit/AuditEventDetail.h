#pragma once

#include "core/audit/AuditEvent.h"
#include "core/domain/ReasonCatalog.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

// One audit event as a person reads it: what it changed in words ("Total XP 125,590 → 120,590",
// "Transaction +30 removed: Correct answer, attempt_642"), when, who, for whom and why. The raw
// fields an auditor checks (seq, logins, operation id, the hashes that chain the event and its
// snapshot as indented JSON) sit under "Technical details", collapsed until asked for.
// Everything can be selected and copied.
class AuditEventDetail final : public QWidget
{
    Q_OBJECT

public:
    explicit AuditEventDetail(QWidget *parent = nullptr);

    // Shows one event; selectedCount > 1 notes that more rows are selected.
    void setEvent(const AuditEvent &event, int selectedCount = 1);
    // Shows the hint to select an event.
    void clear();
    // The reason codes and ticket link pattern to show a manual change's code and ticket by.
    void setReasonCatalog(const ReasonCatalog &catalog) { m_reasons = catalog; }
    // A manual change's reason code (by its label) and ticket (a link where it has one), as rich
    // text; empty when the event has neither.
    static QString reasonCodeText(const AuditEvent &event, const ReasonCatalog &catalog);

    // The effect as shown.
    QString effectText() const;
    // The snapshot as shown (indented JSON, or the raw text when it is not JSON).
    QString snapshotText() const;
    // The seq shown, or 0.
    qint64 shownSeq() const { return m_seq; }

    bool isTechnicalExpanded() const;
    void setTechnicalExpanded(bool expanded);

    // Whether the technical details are open, for QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // The snapshot as indented JSON, or the text itself when it does not parse.
    static QString prettySnapshot(const QString &snapshot);

private:
    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_effect;
    QLabel *m_when;
    QLabel *m_actor;
    QLabel *m_user;
    QLabel *m_transaction;
    QLabel *m_amount;
    QLabel *m_reason;
    QLabel *m_reasonCode;
    QFormLayout *m_form;
    ReasonCatalog m_reasons;
    QToolButton *m_technicalToggle;
    QWidget *m_technical;
    QLabel *m_seqValue;
    QLabel *m_whenUtc;
    QLabel *m_login;
    QLabel *m_operator;
    QLabel *m_action;
    QLabel *m_operation;
    QLabel *m_userId;
    QLabel *m_prevHash;
    QLabel *m_hash;
    QPlainTextEdit *m_snapshot;
    qint64 m_seq = 0;
};
