#pragma once

#include "core/domain/Result.h"

#include <functional>

class Database;

// A piece of database work for a worker thread (DatabaseWorker::post): made in core, where the
// SQL lives, and posted by a view, which never holds the connection itself.
template<typename T>
using Job = std::function<Result<T>(Database &)>;
