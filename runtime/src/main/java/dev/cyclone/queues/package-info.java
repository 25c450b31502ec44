/**
 * Queues between coroutines of one loop: Tornado's {@code tornado.queues}.
 *
 * <pre>{@code
 * Queue<String> urls = new Queue<>(100);
 * await(urls.put(url));              // waits while the queue is full
 * String next = await(urls.get());   // waits while it is empty
 * urls.taskDone();
 * await(urls.join());                // until every item put was marked done
 * }</pre>
 *
 * <p>{@link dev.cyclone.queues.Queue} is first in, first out; {@link dev.cyclone.queues.PriorityQueue}
 * hands out the smallest item first and {@link dev.cyclone.queues.LifoQueue} the newest. Waiting
 * getters and putters are served in the order they came; those given a timeout fail with a {@link
 * java.util.concurrent.TimeoutException} and leave the line when it elapses.
 *
 * <p>Threads: a queue belongs to one {@link dev.cyclone.ioloop.IOLoop} (see {@link
 * dev.cyclone.locks.LoopOwner}); every method must be called on that loop's thread, or it fails with
 * {@code [LoopConfined]}. Futures complete on that loop, and their dependents run inside the call
 * that completed them: a {@code putNowait} wakes a waiting getter before it returns. The queue's
 * state is consistent before anyone is woken.
 */
package dev.cyclone.queues;
